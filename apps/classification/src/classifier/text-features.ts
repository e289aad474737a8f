import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { referenceData, type ReferenceData } from '@pipeline/reference-data';
import { normalise, normaliseWithOffsets } from '../text/normalise';
import { CATEGORY_TERMS, ENFORCEABLE_CUES, URGENT_CUES } from './lexicon';
import { correctSpelling } from './term-matcher';

/**
 * What the learned model sees of a complaint. Stored in the model artifact:
 * a model is only valid with the features it was trained on, so the
 * classifier refuses an artifact whose configuration it does not implement.
 */
export interface FeatureConfig {
  /** Bumped when the text preparation below changes in a way that changes tokens. */
  scheme: 'zh-placeholder-1';
  /** jieba words (with the lexicon's terms added to its dictionary). */
  words: boolean;
  /** Sizes of the character n-grams, e.g. [1, 2, 3]. */
  charNgrams: number[];
  /** A token must occur in at least this many training tickets to be kept. */
  minDocumentFrequency: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  scheme: 'zh-placeholder-1',
  words: true,
  charNgrams: [1, 2, 3],
  minDocumentFrequency: 2,
};

// Placeholders are single private-use characters, so they take part in
// n-grams like any character ("在〈地名〉门口") without colliding with text.
export const PLACE = '\uE000';
export const NUMBER = '\uE001';
export const PHONE = '\uE002';

const PLACEHOLDER_NAMES: Readonly<Record<string, string>> = { [PLACE]: '〈地名〉', [NUMBER]: '〈数〉', [PHONE]: '〈号码〉' };
const PLACEHOLDERS = new RegExp(`[${PLACE}${NUMBER}${PHONE}]`, 'g');

/** Prefix of word tokens; character n-grams carry none. */
const WORD = 'w:';

// Digit runs of telephone length are a party one can call (flyposting),
// other numbers say nothing about the problem: a house number, a floor, a date.
const PHONE_DIGITS = /\d{7,}/g;
const DIGITS = /\d+(?:\.\d+)?/g;
// Chinese numerals only where they count something (三号楼, 两个, 五层), so
// that 三号楼 and 3号楼 read alike; 一直, 一下, 统一 keep their 一.
const COUNTED = /[零〇一二两三四五六七八九十百千]+(?=号|栋|幢|单元|层|楼|室|户|米|点|天|年|个|周|次|辆|家|棵|名|位|处|块|根|条|台|只|趟|回|遍)/g;
// Everything but Chinese characters, Latin letters and placeholders goes:
// punctuation, emoji and spacing carry no category, and dropping them makes
// a ticket written without punctuation read the same.
const NOT_KEPT = new RegExp(`[^\\p{Script=Han}a-z${PLACE}${NUMBER}${PHONE}]+`, 'gu');

/** Function words: as jieba words they only add noise. */
const STOP_WORDS = new Set(
  ('的 了 着 过 是 在 和 与 及 或 也 都 就 还 又 再 才 把 被 给 让 向 对 从 到 于 为 由 这 那 这个 那个 这些 那些 这里 那里 ' +
    '我 你 他 她 它 我们 你们 他们 咱们 自己 啊 吧 呢 吗 呀 哦 嗯 啦 哈 么 很 太 更 最 挺 非常 特别 一些 有些 一下 一点 ' +
    '有 没 没有 不 会 能 要 想 说 看 去 来 上 下 里 中 等 个 之 而 并 但 但是 可是 因为 所以 如果 而且 然后 已经 一直 现在 ' +
    '今天 昨天 最近 时候 情况 问题 反映 市民 来电 来电人 表示 称 请 希望 要求 尽快 处理 解决 相关 部门 有关').split(' '),
);

/** The name a person reads for a token in an explanation. */
export function describeToken(token: string): string {
  const text = token.startsWith(WORD) ? token.slice(WORD.length) : token;
  return text.replace(PLACEHOLDERS, (ch) => PLACEHOLDER_NAMES[ch] ?? ch);
}

let sharedJieba: Jieba | undefined;

/**
 * jieba with its default dictionary and the lexicon's terms, built once per
 * process (loading the dictionary takes ~0.2 s). The lexicon terms are
 * added so that 小广告 or 占道经营 come out as one word.
 */
function jieba(): Jieba {
  if (!sharedJieba) {
    const instance = Jieba.withDict(dict);
    const terms = new Set<string>();
    const tables = [...Object.values(CATEGORY_TERMS), ...Object.values(ENFORCEABLE_CUES), URGENT_CUES];
    for (const table of tables) {
      for (const term of Object.keys(table ?? {})) for (const part of term.split('+')) if ([...part].length > 1) terms.add(part);
    }
    instance.loadDict(Buffer.from([...terms].sort().map((t) => `${t} 2000`).join('\n'), 'utf8'));
    sharedJieba = instance;
  }
  return sharedJieba;
}

/**
 * Turns a complaint into the tokens of the learned model: the text and
 * address, spelling normalised, place names and numbers replaced by
 * placeholders (the model is to learn the problem, not the street),
 * punctuation dropped; then jieba words and character n-grams, each token
 * once (the model counts presence, not repetition).
 */
export class TextFeaturiser {
  private readonly placeKeys: string[];

  constructor(
    readonly config: FeatureConfig = DEFAULT_FEATURE_CONFIG,
    data: ReferenceData = referenceData(),
  ) {
    const names = new Set<string>();
    for (const place of [...data.hotspotAreas, ...data.communities]) {
      for (const name of [place.name, place.aliases].flat()) names.add(normalise(name));
      names.add(normalise(place.subdistrict));
    }
    for (const district of data.districts) names.add(normalise(district));
    // Longest first, so 浮山后四小区 is masked whole before 浮山后 could be.
    this.placeKeys = [...names].filter((k) => k.length > 1).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  }

  /** The prepared text: what the tokens are cut from. */
  prepare(text: string, address?: string | null): string {
    const joined = address ? `${address}\n${text}` : text;
    return correctSpelling(fold(this.maskPlaces(joined)))
      .replace(PHONE_DIGITS, PHONE)
      .replace(DIGITS, NUMBER)
      .replace(COUNTED, NUMBER)
      .replace(NOT_KEPT, '');
  }

  tokens(text: string, address?: string | null): string[] {
    const prepared = this.prepare(text, address);
    const tokens = new Set<string>();
    if (this.config.words) {
      for (const word of jieba().cut(prepared, true)) {
        if (!STOP_WORDS.has(word)) tokens.add(WORD + word);
      }
    }
    // Characters outside the BMP (rare Han) take two code units; only then
    // is the text split into code points, the slow way.
    const chars: string | string[] = /[\uD800-\uDFFF]/.test(prepared) ? [...prepared] : prepared;
    const gramAt = typeof chars === 'string' ? (i: number, size: number) => chars.slice(i, i + size) : (i: number, size: number) => chars.slice(i, i + size).join('');
    for (const size of this.config.charNgrams) {
      for (let i = 0; i + size <= chars.length; i++) {
        const gram = gramAt(i, size);
        if (size === 1 && STOP_WORDS.has(gram)) continue;
        tokens.add(gram);
      }
    }
    return [...tokens];
  }

  /** Replaces every place name or alias (in any of its spellings) by one placeholder. */
  private maskPlaces(text: string): string {
    const { text: normalised, start, end } = normaliseWithOffsets(text);
    const claimed = new Uint8Array(normalised.length);
    const spans: [number, number][] = [];
    for (const key of this.placeKeys) {
      for (let at = normalised.indexOf(key); at !== -1; at = normalised.indexOf(key, at + 1)) {
        if (claimed.subarray(at, at + key.length).includes(1)) continue;
        claimed.fill(1, at, at + key.length);
        spans.push([start[at], end[at + key.length - 1]]);
      }
    }
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let out = '';
    let last = 0;
    for (const [from, to] of spans) {
      if (from < last) continue;
      out += text.slice(last, from) + PLACE;
      last = to;
    }
    return out + text.slice(last);
  }
}

/** Full-width to half-width, lower case, no spacing: normalise() without the numeral rule. */
function fold(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}
