import type { CategoryCode } from '@pipeline/contracts';
import { readPublicComplaints, type PublicComplaint } from '@pipeline/reference-data';
import { RepeatLinker, type RepeatCandidate } from './repeat-linker';

const publicSet = new Map(readPublicComplaints().map((c) => [c.id, c]));

/** A ticket of the public set as the linker sees it, with its labeled category and place. */
function ticket(id: string, overrides: Partial<RepeatCandidate> = {}): RepeatCandidate {
  const c = publicSet.get(id) as PublicComplaint;
  return {
    id: c.id,
    text: c.text,
    category: c.labels.category as CategoryCode,
    reportedAt: new Date(c.reportedAt),
    hotspotAreaId: c.labels.hotspotAreaId,
    communityId: c.labels.communityId,
    location: c.location,
    address: c.address,
    ...overrides,
  };
}

/** A complaint written for a test. */
function complaint(id: string, at: string, text: string, overrides: Partial<RepeatCandidate> = {}): RepeatCandidate {
  return {
    id,
    text,
    category: 'flyposting',
    reportedAt: new Date(at),
    hotspotAreaId: null,
    communityId: null,
    location: null,
    address: null,
    ...overrides,
  };
}

/** Feeds complaints in order, as the CLI does, and returns each one's repeatOf. */
function link(complaints: readonly RepeatCandidate[], linker = new RepeatLinker()): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const c of complaints) {
    result[c.id] = linker.findRepeatOf(c)?.repeatOf ?? null;
    linker.add(c);
  }
  return result;
}

const daysAfter = (c: RepeatCandidate, days: number) => new Date(c.reportedAt.getTime() + days * 86_400_000);

describe('RepeatLinker: true repeats from the public set', () => {
  it('links an operator work order to the citizen post it repeats, 14 days later, by community and building', () => {
    const first = ticket('T00002');
    const again = ticket('T00030');
    expect((again.reportedAt.getTime() - first.reportedAt.getTime()) / 86_400_000).toBeGreaterThan(14);
    const linker = new RepeatLinker();
    linker.add(first);
    const found = linker.findRepeatOf(again);
    expect(found?.repeatOf).toBe('T00002');
    expect(found?.reasons).toEqual(expect.arrayContaining(['同一小区 CM027', '同一9号楼', '提及此前反映"再次反映"']));
    expect(found?.reasons.some((r) => /^文本相似度 0\.\d\d$/.test(r))).toBe(true);
  });

  it('links a colloquial WeChat rewrite to the hotline ticket by road and shop, without any area id', () => {
    // 郑州东路 眼镜店 招牌: the first has an address and no coordinates, the
    // second coordinates outside every area and no address.
    expect(link([ticket('T00054'), ticket('T00069')])).toEqual({ T00054: null, T00069: 'T00054' });
  });

  it.each([
    ['T00092', 'T00095', 'a smelly refuse station, "上回打完热线"'],
    ['T00100', 'T00101', 'construction waste on 天山三路, two hours apart'],
    ['T00074', 'T00102', 'waste by 白沙河 / 青威路, a terse post with a licence plate'],
    ['T00425', 'T00458', 'a cold flat, same building, unit and room'],
    ['T00540', 'T00545', 'a night market on 台东三路, "第三次来电反映"'],
  ])('links %s ← %s (%s)', (first, again) => {
    expect(link([ticket(first), ticket(again)])[again]).toBe(first);
  });

  it('links every report of a three-report chain to the first one, past a near miss in the same community', () => {
    // T00006 is another parking-fee complaint in 春阳花园 (消防通道 spaces at
    // ¥300); T00033 (道闸, ¥150) starts the incident T00057 and T00058 repeat.
    const result = link(['T00006', 'T00033', 'T00057', 'T00058'].map((id) => ticket(id)));
    expect(result).toEqual({ T00006: null, T00033: null, T00057: 'T00033', T00058: 'T00033' });
  });

  it('follows a link to its root, even when the root has left the window', () => {
    // 凤凰东郡12号楼 lift: the second report 20 days after the first, the
    // third 45 days after it, when only the second is still in the window.
    const first = ticket('T00373');
    const second = ticket('T00376', { reportedAt: daysAfter(first, 20) });
    const third = ticket('T00388', { reportedAt: daysAfter(first, 45) });
    const linker = new RepeatLinker();
    expect(link([first, second], linker)).toEqual({ T00373: null, T00376: 'T00373' });
    const [best] = linker.rankCandidates(third);
    expect(best).toMatchObject({ id: 'T00376', repeatOf: 'T00373', linked: true });
    expect(linker.findRepeatOf(third)?.repeatOf).toBe('T00373');
  });

  it('links chains with no area ids at all by the road named in both', () => {
    const result = link(['T00012', 'T00038', 'T00039'].map((id) => ticket(id)));
    expect(result).toEqual({ T00012: null, T00038: 'T00012', T00039: 'T00012' });
  });
});

describe('RepeatLinker: near misses do not link', () => {
  const site = { category: 'flyposting' as const, communityId: 'CM027', address: '市北区洛阳路小区9号楼' };
  const building9 = complaint(
    'A1',
    '2024-03-02T14:51:00+08:00',
    '洛阳路小区9号楼楼道从一楼到六楼贴满了开锁、通下水道、办证的小广告，墙上还有用红漆喷的手机号。',
    site,
  );

  it('a different building in the same community, even reported "again" in nearly the same words', () => {
    const building12 = complaint(
      'A2',
      '2024-03-06T09:00:00+08:00',
      '再次反映洛阳路小区12号楼楼道从一楼到六楼贴满了开锁、通下水道的小广告，墙上还有红漆喷的手机号。',
      { ...site, address: '市北区洛阳路小区12号楼' },
    );
    const linker = new RepeatLinker();
    linker.add(building9);
    expect(linker.findRepeatOf(building12)).toBeNull();
    expect(linker.rankCandidates(building12)[0].reasons).toContain('不同9号楼/12号楼');
  });

  it('a different shop on the same street', () => {
    const glasses = complaint('B1', '2024-05-02T10:00:00+08:00', '台东三路一家眼镜店门头招牌松动，大风天一直晃，下面就是人行道，行人很多，担心掉下来砸到人。', {
      category: 'advertising',
      hotspotAreaId: 'HS10',
      address: '市北区台东三路',
    });
    const milkTea = complaint('B2', '2024-05-05T18:00:00+08:00', '台东三路那家奶茶店的招牌也在晃！上次打过热线说会处理，今天风大又晃得厉害，底下全是逛街的人。', {
      category: 'advertising',
      hotspotAreaId: 'HS10',
    });
    const linker = new RepeatLinker();
    linker.add(glasses);
    expect(linker.findRepeatOf(milkTea)).toBeNull();
    expect(linker.rankCandidates(milkTea)[0].reasons).toContain('不同眼镜店/奶茶店');
  });

  it.each([
    ['T00092', 'T00127', '大枣园小区: a smelly refuse station, then sorting not done'],
    ['T00064', 'T00106', '万科城: a building door entry system, then the east gate 15 days later'],
    ['T00085', 'T00137', '云霄路美食街: several barbecue places, then one seafood restaurant'],
    ['T00177', 'T00204', '西藏路小区: a rooftop shed on building 5, then a shed by building 11 ("这是另外一处")'],
    ['T00222', 'T00260', '石老人: litter on the beach, then the toilets ("不是一回事")'],
    ['T00450', 'T00482', '峨眉山路小区: gas in one kitchen, then gas in a stairwell 17 days later'],
    ['T00318', 'T00357', '栈桥: a dirty toilet, then a dirty toilet 22 days later with no word of an earlier report'],
  ])('%s then %s (%s)', (first, second) => {
    expect(link([ticket(first), ticket(second)])[second]).toBeNull();
  });

  it('the same text 40 days later: outside the 30-day window', () => {
    const first = ticket('T00092');
    const later = { ...ticket('T00095'), id: 'LATE', reportedAt: daysAfter(first, 40) };
    expect(link([first, later]).LATE).toBeNull();
    // …which is the window, not the text: 20 days later it links.
    const sooner = { ...later, id: 'SOONER', reportedAt: daysAfter(first, 20) };
    expect(link([first, sooner]).SOONER).toBe('T00092');
  });

  it('the same complaint filed under another category', () => {
    const first = ticket('T00092');
    expect(link([first, ticket('T00095', { category: 'sanitation' })]).T00095).toBeNull();
    // Unless the two categories are declared confusable.
    const lenient = new RepeatLinker({ confusableCategories: [['household_waste', 'sanitation']] });
    expect(link([first, ticket('T00095', { category: 'sanitation' })], lenient).T00095).toBe('T00092');
  });

  it('two different communities, whatever the text says', () => {
    const first = ticket('T00002');
    const elsewhere = ticket('T00030', { communityId: 'CM028' });
    expect(link([first, elsewhere]).T00030).toBeNull();
  });

  it('a repeat cue alone, with no text in common', () => {
    const first = complaint('C1', '2024-06-01T10:00:00+08:00', '洛阳路小区9号楼楼道贴满小广告。', site);
    const unrelated = complaint('C2', '2024-06-03T10:00:00+08:00', '再次反映：单元门口堆了好多快递纸箱，没人收拾。', { ...site, address: null });
    expect(link([first, unrelated]).C2).toBeNull();
  });
});

describe('RepeatLinker: index', () => {
  it('keeps only one window of complaints, evicting older ones as time advances', () => {
    const linker = new RepeatLinker({ windowDays: 30 });
    const start = new Date('2024-01-01T00:00:00+08:00').getTime();
    for (let day = 0; day < 120; day++) {
      const c = complaint(`D${day}`, new Date(start + day * 86_400_000).toISOString(), `第${day}天的投诉：某处楼道小广告`, { communityId: 'CM001' });
      linker.findRepeatOf(c);
      linker.add(c);
    }
    expect(linker.size).toBeLessThanOrEqual(31);
  });

  it('forgets a removed complaint', () => {
    const linker = new RepeatLinker();
    linker.add(ticket('T00092'));
    linker.remove('T00092');
    expect(linker.findRepeatOf(ticket('T00095'))).toBeNull();
  });

  it('decides by itself when add() is not preceded by findRepeatOf(), and honours a repeatOf the caller knows', () => {
    const linker = new RepeatLinker();
    linker.add(ticket('T00435'));
    linker.add(ticket('T00440'));
    expect(linker.findRepeatOf(ticket('T00447'))?.repeatOf).toBe('T00435');

    const corrected = new RepeatLinker();
    corrected.add(ticket('T00435'));
    corrected.add({ ...ticket('T00440'), repeatOf: null }); // a clerk said: not a repeat
    expect(corrected.findRepeatOf(ticket('T00447'))?.repeatOf).toBe('T00440');
  });

  // its speed is npm run bench:classify's to measure; this checks that the index decides alike at that size
  it('links all later copies of a ticket or none, with the public set ×17 (10,200 complaints) in the index', () => {
    const copies = 17;
    const all = [...publicSet.keys()]
      .flatMap((id) => Array.from({ length: copies }, (_, k) => ticket(id, { id: `${id}-${k}` })))
      .map((c, i) => ({ ...c, reportedAt: new Date(c.reportedAt.getTime() + (i % copies) * 60_000) }))
      .sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
    const originalOf = (id: string) => id.replace(/-\d+$/, '');
    const linkedCopies = new Map<string, number>();
    const linker = new RepeatLinker();
    for (const c of all) {
      const later = !c.id.endsWith('-0');
      if (later && linker.findRepeatOf(c)) linkedCopies.set(originalOf(c.id), (linkedCopies.get(originalOf(c.id)) ?? 0) + 1);
      linker.add(c);
    }
    // every later copy of a ticket is decided alike, however many complaints the index holds by then
    const differs = [...linkedCopies].filter(([, n]) => n !== copies - 1).map(([id, n]) => `${id}: ${n}`);
    expect({ complaints: all.length, differs }).toEqual({ complaints: 10_200, differs: [] });
    // and nearly all are linked: the few that are not say they are another matter (“不是一回事”)
    expect(linkedCopies.size).toBeGreaterThan(0.95 * publicSet.size);
  });
});
