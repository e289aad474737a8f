import { normalise } from '../text/normalise';
import { characterNgrams, similaritySegments, type TermVector } from './text-similarity';

// What a complaint says about itself, as the repeat linker reads it: the
// roads and landmarks it names, the building / unit / room / house numbers,
// the kinds of shop, the words about an earlier report, and the character
// n-grams its text is compared by. Functions of the text alone; the linker
// (repeat-linker.ts) weighs them against earlier complaints.

// Words saying the complaint was reported before: a reference to an earlier
// report (上次打热线, 此前已在网上反映, 第三次反映). Matched on normalised
// text, where 第三次 is 第3次. No match crosses a punctuation mark.
const EARLIER_REPORT_CUE = new RegExp(
  [
    '再次(?:来电)?反映',
    '再反映',
    '第\\d+次(?:来电)?(?:反映|投诉)',
    '(?:反映|投诉)(?:两|\\d+)[回次]',
    '(?:多次|又1次|再1次)(?:反映|投诉)',
    '(?:上次|上回|之前|此前|前面|前几天|几天前|数日前|前天|昨天|上周|上礼拜|上个月|半个?月前|已经|已|曾)[^\\p{P}]{0,10}?' +
      '(?:反映|投诉|举报|报修|上报|打过|打了|打[^\\p{P}]{0,2}(?:热线|电话|\\d{5})|说过|发的|发过)',
  ].join('|'),
  'gu',
);

// "已向物业反映", "已给热力公司打过电话": told the property company or the
// utility, which a first report says as often as not. Not a report to us.
const TOLD_SOMEONE_ELSE = /物业|社区|居委|热力|供热|燃气|管家|业主群|施工方|店主|老板|领队|商家|开发商|厂家|房东/;

// Words saying the problem goes on (还是, 仍未解决, 又…了). A first report says
// "the wall was painted last month and is dirty again" as often, so these
// count for little.
const PERSISTS_CUE = /还是|仍然|仍未|仍在|依然|照旧|照样|老样子|还在|还没人管|至今|又[^\p{P}]{1,6}了/u;

// Words saying the complaint is about something else than an earlier one.
const DIFFERENT_INCIDENT_CUE = /不是1回事|不是同1[个件处家]|这是另外1[处个家件]|另外1[处家]|另1处|另1家店/;

const DISTRICT_PREFIX = /(?:市南|市北|李沧|崂山|城阳|黄岛|即墨)区|(?:胶州|平度|莱西)市|西海岸新区|青岛市?/g;

// Generic words that end like a road or a landmark but name none.
const GENERIC_PLACE_WORDS = [
  '马路', '小路', '道路', '公路', '辅路', '铁路', '土路', '大路', '岔路', '主路', '环路', '老路', '半路', '走路', '过路',
  '让路', '修路', '出路', '水泥路', '步行街', '美食街', '海水浴场', '大街', '沿街', '临街', '逛街', '上街', '满街', '整街', '当街', '后街',
  '中心广场', '小广场', '广场舞', '农贸市场', '菜市场', '夜市场', '老小区', '新小区', '老旧小区', '的桥', '过桥', '天桥', '立交桥',
];

// A road (路 / 街 / 巷 / 大道) or a landmark: up to three characters of name
// before the suffix. A direction or a number just before 路 (东路, 3路) is
// part of the name, so the token then takes more characters before it.
const ROAD_SUFFIX = /大道|路|街|巷/g;
const LANDMARK_SUFFIX = /小区|社区|花园|家园|新苑|公寓|大厦|广场|公园|市场|大集|浴场|沙滩|海滩|车站|北站|公厕|古城|立交|商场|码头|景区|河|湾|桥/g;
const DIRECTION = /[东西南北中]/;
const NOT_IN_A_NAME = /[的了是在和与到从往向对着过那这个们我你他她它把被给让就都也还又再很太、路街巷道]/;

/** Names of roads and landmarks in a normalised text: `昆仑山路`, `台东3路`, `白沙河`, `龙山小区`. */
export function placeTokens(normalised: string): Set<string> {
  const text = normalised.replace(DISTRICT_PREFIX, '|');
  const tokens = new Set<string>();
  for (const suffix of [ROAD_SUFFIX, LANDMARK_SUFFIX]) {
    for (const match of text.matchAll(suffix)) {
      const end = match.index + match[0].length;
      let nameEnd = match.index;
      // A number (台东3路) or a direction (郑州东路) before the suffix is
      // part of the name but says nothing on its own.
      if (/\d/.test(text[nameEnd - 1] ?? '')) while (nameEnd > 0 && /\d/.test(text[nameEnd - 1])) nameEnd--;
      else if (DIRECTION.test(text[nameEnd - 1] ?? '')) nameEnd--;
      let nameStart = nameEnd;
      while (nameStart > 0 && nameEnd - nameStart < 3 && /[\p{Script=Han}\d]/u.test(text[nameStart - 1]) && !NOT_IN_A_NAME.test(text[nameStart - 1])) nameStart--;
      if (nameEnd - nameStart < 2) continue;
      // The two- and three-character forms: 仑山路 and 昆仑山路 are one road
      // to a writer who drops the first character, 郑州东路 never 兰州东路.
      for (let start = nameStart; start <= nameEnd - 2; start++) {
        const token = text.slice(start, end);
        if (GENERIC_PLACE_WORDS.some((word) => token.endsWith(word))) continue;
        if (/路.*路|街.*街/.test(token)) continue;
        tokens.add(token);
      }
    }
  }
  return tokens;
}

/** The numbers that identify a spot: building, unit, room, house number. */
export interface SpotNumbers {
  building: Set<string>;
  unit: Set<string>;
  room: Set<string>;
  house: Set<string>;
}

const SPOT_NUMBER_LABELS: Readonly<Record<keyof SpotNumbers, string>> = { building: '号楼', unit: '单元', room: '户', house: '号' };

/** Building (9号楼, 9栋), unit (1单元), room (3单元402) and house (158号院, 九水路158号) numbers. */
export function spotNumbers(normalised: string): SpotNumbers {
  const numbers: SpotNumbers = { building: new Set(), unit: new Set(), room: new Set(), house: new Set() };
  for (const m of normalised.matchAll(/(\d+)(?:号楼|栋|幢|号楼?(?=\d+单元))/g)) numbers.building.add(m[1]);
  for (const m of normalised.matchAll(/(\d+)单元(\d{3,4})?/g)) {
    numbers.unit.add(m[1]);
    if (m[2]) numbers.room.add(m[2]);
  }
  for (const m of normalised.matchAll(/(\d{3,4})(?:室|户)/g)) numbers.room.add(m[1]);
  for (const m of normalised.matchAll(/(?:路|街|巷)(\d+)号(?!楼)|(\d+)号院/g)) numbers.house.add(m[1] ?? m[2]);
  return numbers;
}

// The kind of shop, from the one or two characters before 店 / 饭店 …: 眼镜店
// and 奶茶店 are two shops; 海鲜饭店 and 海鲜酒店 are one. Longest suffix first.
const SHOP_SUFFIX = /饭店|酒店|酒楼|餐厅|餐馆|饭馆|超市|药房|店|馆/g;
const NOT_A_SHOP_NAME = /[家个这那该此的1几多些两每店馆门、]/;

/** Kinds of shop named in a normalised text: `眼镜`, `奶茶`, `海鲜`. */
export function shopKinds(normalised: string): Set<string> {
  const kinds = new Set<string>();
  for (const match of normalised.matchAll(SHOP_SUFFIX)) {
    let start = match.index;
    while (start > 0 && match.index - start < 2 && /\p{Script=Han}/u.test(normalised[start - 1]) && !NOT_A_SHOP_NAME.test(normalised[start - 1])) start--;
    if (start < match.index) kinds.add(normalised.slice(start, match.index));
  }
  return kinds;
}

/** What a complaint says about earlier reports, each as the words found (or null). */
export interface RepeatCues {
  /** It was reported before: 再次反映, 上次打热线, 此前已在网上反映. */
  earlierReport: string | null;
  /** The problem goes on: 还是, 仍未解决, 又…了. */
  persists: string | null;
  /** It is not the incident reported before: 不是一回事, 这是另外一处. */
  differentIncident: string | null;
}

/** The cues in a complaint text, as written. */
export function repeatCues(text: string): RepeatCues {
  return cuesIn(normalise(text));
}

function cuesIn(normalised: string): RepeatCues {
  const found = (pattern: RegExp) => {
    const hit = pattern.exec(normalised)?.[0];
    return hit ? asWritten(hit) : null;
  };
  const earlier = [...normalised.matchAll(EARLIER_REPORT_CUE)].map((m) => m[0]).find((hit) => !TOLD_SOMEONE_ELSE.test(hit));
  return {
    earlierReport: earlier ? asWritten(earlier) : null,
    persists: found(PERSISTS_CUE),
    differentIncident: found(DIFFERENT_INCIDENT_CUE),
  };
}

/** What the linker reads from a complaint. */
export interface RepeatFeatures {
  /** Roads and landmarks named in the address or the text. */
  places: Set<string>;
  numbers: SpotNumbers;
  shops: Set<string>;
  /** Character n-grams of what the complaint is about, for the text similarity. */
  terms: TermVector;
  cues: RepeatCues;
}

/** Everything the linker compares, read once from a complaint's text and address. */
export function extractFeatures(c: { text: string; address: string | null }): RepeatFeatures {
  const normalised = normalise(c.text);
  const where = `${c.address ? normalise(c.address) : ''}|${normalised}`;
  const cues = cuesIn(normalised);
  // The cue words say how the report was made, not what it is about; the
  // address says where, in the words of the one who reported it.
  const about = `${c.address ?? ''}|${normalised.replace(EARLIER_REPORT_CUE, '|')}`;
  return {
    places: placeTokens(where),
    numbers: spotNumbers(where),
    shops: shopKinds(normalised),
    terms: characterNgrams(similaritySegments(about)),
    cues,
  };
}

/**
 * Same and different building / unit / room / house numbers and shop kinds
 * of a new complaint `f` and an earlier one `e`, as short phrases.
 */
export function compareDetails(
  f: Pick<RepeatFeatures, 'numbers' | 'shops'>,
  e: Pick<RepeatFeatures, 'numbers' | 'shops'>,
): { same: string[]; differentNumbers: string[]; differentShops: string[] } {
  const same: string[] = [];
  const differentNumbers: string[] = [];
  const differentShops: string[] = [];
  for (const kind of Object.keys(SPOT_NUMBER_LABELS) as (keyof SpotNumbers)[]) {
    const mine = f.numbers[kind];
    const theirs = e.numbers[kind];
    if (mine.size === 0 || theirs.size === 0) continue;
    const label = SPOT_NUMBER_LABELS[kind];
    const shared = [...mine].filter((n) => theirs.has(n));
    if (shared.length > 0) same.push(`${shared[0]}${label}`);
    else differentNumbers.push(`${[...theirs][0]}${label}/${[...mine][0]}${label}`);
  }
  if (f.shops.size > 0 && e.shops.size > 0) {
    const shared = [...f.shops].filter((kind) => e.shops.has(kind));
    if (shared.length > 0) same.push(`${shared[0]}店`);
    else differentShops.push(`${[...e.shops][0]}店/${[...f.shops][0]}店`);
  }
  return { same, differentNumbers, differentShops };
}

/** A cue as a clerk reads it: normalise() turned the 一 of 另一处 and 又一次 into 1. */
function asWritten(cue: string): string {
  return cue.replace(/(?<=[同另外又再是])1|(?<!\d)1(?=[回处家个件次])/g, '一');
}
