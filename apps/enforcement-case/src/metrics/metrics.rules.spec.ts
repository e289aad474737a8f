import { isoWeekOf, localDateOf } from '@pipeline/calendar';
import { CATEGORY_CODES } from '@pipeline/contracts';
import { referenceData } from '@pipeline/reference-data';
import {
  EVERY_FILING, cellsByDay, consecutiveRuns, countComplaintToCase, daysOf, definitionText, parseCutoff, resolvePeriod, tabulate, weeksOf,
  type DayCells, type MetricQuery, type MetricRecord, type MetricRow,
} from './metrics.rules';

const at = (iso: string) => new Date(iso);

/** A first report in March 2024 in HS01, in the bureau's remit, with no case. */
function rec(id: string, over: Partial<MetricRecord> = {}): MetricRecord {
  return {
    _id: id,
    category: 'street_order',
    hotspotAreaId: 'HS01',
    communityId: null,
    district: '市南区',
    repeatOf: null,
    receivedAt: at('2024-03-10T09:00:00+08:00'),
    inScope: true,
    caseId: null,
    caseFiledAt: null,
    caseFilingVoid: false,
    simpleProcedure: false,
    decidedAt: at('2024-03-10T09:01:00+08:00'),
    ...over,
  };
}

/** Linked to a case filed (立案) on 2024-03-20. */
const filed = (caseId: string, extra: Partial<MetricRecord> = {}): Partial<MetricRecord> => ({ caseId, caseFiledAt: at('2024-03-20T10:00:00+08:00'), ...extra });

const march: MetricQuery = {
  period: { from: '2024-03-01', to: '2024-03-31' },
  cutoff: at('2024-04-25T23:59:59.999+08:00'),
  groupBy: 'hotspotArea',
  unit: 'issue',
  scope: 'hotspot',
  numerator: 'filed',
  target: 0.1,
};

const count = (records: MetricRecord[], q: Partial<MetricQuery> = {}) => countComplaintToCase(records, { ...march, ...q });
const row = (rows: MetricRow[], key: string | null, field = 'hotspotAreaId') => rows.find((r) => r[field as keyof MetricRow] === key);

describe('the complaint-to-case metric (pure counting)', () => {
  it('lists all 30 hotspot areas with zeros, and every district, community and category', () => {
    const t = count([]);
    expect(t.rows.map((r) => r.hotspotAreaId)).toEqual(referenceData().hotspotAreas.map((a) => a.id));
    expect(t.rows).toHaveLength(30);
    expect(t.rows[0]).toEqual({ hotspotAreaId: 'HS01', name: '中山路-劈柴院商圈', complaints: 0, converted: 0, cases: 0, rate: null, met: false });
    expect(t.totals).toEqual({ complaints: 0, converted: 0, cases: 0, rate: null, met: false });
    expect(count([], { groupBy: 'district' }).rows.map((r) => r.district)).toEqual([...referenceData().districts]);
    expect(count([], { groupBy: 'community' }).rows).toHaveLength(100);
    expect(count([], { groupBy: 'category' }).rows.map((r) => r.category)).toEqual([...CATEGORY_CODES]);
    expect(count([], { groupBy: 'category' }).rows.find((r) => r.category === 'street_order')?.name).toBe('街面秩序');
  });

  it('merges repeats into one issue, and counts every order', () => {
    const records = [
      rec('A', filed('C1')),
      rec('A2', filed('C1', { repeatOf: 'A', receivedAt: at('2024-03-11T09:00:00+08:00') })),
      rec('A3', filed('C1', { repeatOf: 'A', receivedAt: at('2024-03-12T09:00:00+08:00') })),
      rec('B'),
    ];
    // issue: incidents {A, A2, A3} and {B}; A's is filed → 1 of 2, one case (C1)
    expect(row(count(records).rows, 'HS01')).toMatchObject({ complaints: 2, converted: 1, cases: 1, rate: 0.5, met: true });
    // order: A, A2, A3 filed, B not → 3 of 4 = 0.75, still one case
    expect(row(count(records, { unit: 'order' }).rows, 'HS01')).toMatchObject({ complaints: 4, converted: 3, cases: 1, rate: 0.75 });
  });

  it('counts a case on two issues for each issue, and the case once in the totals', () => {
    const records = [rec('A', filed('C1')), rec('B', filed('C1')), rec('D', filed('C1', { hotspotAreaId: 'HS02' })), rec('E')];
    const t = count(records);
    // HS01: A and B both carry C1 → 2 of 3 (E has no case), one case
    expect(row(t.rows, 'HS01')).toMatchObject({ complaints: 3, converted: 2, cases: 1 });
    // HS02: D carries C1 too → 1 of 1
    expect(row(t.rows, 'HS02')).toMatchObject({ complaints: 1, converted: 1, cases: 1, rate: 1 });
    // totals: 3 of 4 issues; C1 is one case however many rows show it
    expect(t.totals).toEqual({ complaints: 4, converted: 3, cases: 1, rate: 0.75, met: true });
  });

  it('counts an issue with two cases once', () => {
    // the first report's case C1 and a repeat's own case C2, both filed
    const records = [rec('A', filed('C1')), rec('A2', filed('C2', { repeatOf: 'A', receivedAt: at('2024-03-15T09:00:00+08:00') }))];
    // issue: 1 incident, converted once, 2 cases → 1 of 1
    expect(row(count(records).rows, 'HS01')).toMatchObject({ complaints: 1, converted: 1, cases: 2, rate: 1 });
    // order: 2 of 2
    expect(row(count(records, { unit: 'order' }).rows, 'HS01')).toMatchObject({ complaints: 2, converted: 2, cases: 2 });
  });

  it('never counts 不予立案, removes 撤销立案, and leaves a lead uncounted', () => {
    const records = [
      rec('NF', { caseId: 'C1', caseFilingVoid: true }), // 不予立案: never filed
      rec('RV', filed('C2', { caseFilingVoid: true })), // filed, then 撤销立案
      rec('LD', { caseId: 'C3' }), // still a lead (待核查)
      rec('OK', filed('C4')),
    ];
    // 1 of 4 = 0.25; only C4 is a case filed
    expect(row(count(records).rows, 'HS01')).toMatchObject({ complaints: 4, converted: 1, cases: 1, rate: 0.25 });
  });

  it('counts filings up to the cutoff only', () => {
    const cutoff = parseCutoff('2024-04-25')!; // 2024-04-25 24:00 +08:00, less a millisecond
    const records = [
      rec('IN', { caseId: 'C1', caseFiledAt: at('2024-04-25T23:59:59.999+08:00') }),
      rec('OUT', { caseId: 'C2', caseFiledAt: at('2024-04-26T00:00:00+08:00') }),
    ];
    // 1 of 2: C2 was filed a millisecond after the cutoff
    expect(row(count(records, { cutoff }).rows, 'HS01')).toMatchObject({ complaints: 2, converted: 1, cases: 1 });
    // with a cutoff a year later both count: 2 of 2
    expect(row(count(records, { cutoff: at('2025-04-25T00:00:00+08:00') }).rows, 'HS01')).toMatchObject({ converted: 2, cases: 2 });
  });

  it('excludes complaints outside the remit, and outside the hotspot areas unless scope=all', () => {
    const records = [
      rec('IN', filed('C1')),
      rec('FWD', { category: 'other', inScope: false }), // forwarded: not the bureau's duty
      rec('CITY', filed('C2', { hotspotAreaId: null, district: '李沧区' })), // in the remit, outside every hotspot area
      rec('ODD', { hotspotAreaId: 'HS99' }), // not one of the 30
    ];
    // hotspot scope: only IN → 1 of 1
    const hot = count(records);
    expect(hot.totals).toMatchObject({ complaints: 1, converted: 1 });
    expect(hot.rows).toHaveLength(30);
    // scope=all: IN, CITY and ODD (FWD stays out) → the 30 areas plus one 热点区域外 row holding CITY and ODD: 1 of 2
    const all = count(records, { scope: 'all' });
    expect(all.rows).toHaveLength(31);
    expect(all.rows[30]).toEqual({ hotspotAreaId: null, name: '热点区域外', complaints: 2, converted: 1, cases: 1, rate: 0.5, met: true });
    expect(all.totals).toMatchObject({ complaints: 3, converted: 2, cases: 2 });
    // by district, HS99's complaint still has its district; CITY counts under 李沧区
    expect(row(count(records, { scope: 'all', groupBy: 'district' }).rows, '李沧区', 'district')).toMatchObject({ complaints: 1, converted: 1 });
  });

  it('reports simple-procedure decisions separately and keeps them out of the numerator', () => {
    const records = [
      rec('S1', { caseId: 'C1', simpleProcedure: true }), // on-the-spot decision: no 立案
      rec('S2', { simpleProcedure: true, caseId: 'C2', caseFiledAt: at('2024-03-20T10:00:00+08:00') }), // even if a filing time came along
      rec('G', filed('C3')),
      // an incident decided on the spot at first, then a repeat's case filed: converted, not "simple"
      rec('X', { simpleProcedure: true, caseId: 'C4' }),
      rec('X2', filed('C5', { repeatOf: 'X', receivedAt: at('2024-03-18T09:00:00+08:00') })),
    ];
    // issues S1, S2, G, X: G and X converted → 2 of 4; S1 and S2 reported apart
    const t = count(records);
    expect(t.totals).toMatchObject({ complaints: 4, converted: 2, cases: 2 });
    expect(t.simpleProcedure).toEqual({ complaints: 2 });
    // orders: S1, S2, G, X, X2: G and X2 converted → 2 of 5; S1, S2 and X were decided on the spot
    const o = count(records, { unit: 'order' });
    expect(o.totals).toMatchObject({ complaints: 5, converted: 2 });
    expect(o.simpleProcedure).toEqual({ complaints: 3 });
  });

  it('puts an incident in the period of its first report, converted by any of its complaints', () => {
    const records = [
      // first reported in February, repeated in March: February's incident
      rec('FEB', filed('C1', { receivedAt: at('2024-02-25T09:00:00+08:00') })),
      rec('FEB-2', filed('C1', { repeatOf: 'FEB' })),
      // first reported in March, repeated in April with its own case filed before the cutoff
      rec('MAR'),
      rec('MAR-2', filed('C2', { repeatOf: 'MAR', receivedAt: at('2024-04-02T09:00:00+08:00'), caseFiledAt: at('2024-04-10T09:00:00+08:00') })),
      // the first report was never recorded: its earliest known complaint stands in, here in February
      rec('OR-1', { repeatOf: 'LOST-1', receivedAt: at('2024-02-28T09:00:00+08:00') }),
      rec('OR-2', filed('C3', { repeatOf: 'LOST-1' })),
      // never recorded either, only March complaints: a March incident
      rec('OR-3', { repeatOf: 'LOST-2' }),
    ];
    // issues in March: MAR (converted by C2 in April) and LOST-2 → 1 of 2
    expect(count(records).totals).toMatchObject({ complaints: 2, converted: 1, cases: 1 });
    // orders received in March: FEB-2, MAR, OR-2, OR-3 → FEB-2 and OR-2 filed → 2 of 4
    expect(count(records, { unit: 'order' }).totals).toMatchObject({ complaints: 4, converted: 2, cases: 2 });
  });

  it('takes the period in Asia/Shanghai: midnight +08:00 is 16:00 UTC the day before', () => {
    const records = [
      rec('FIRST', { receivedAt: at('2024-02-29T16:00:00Z') }), // 2024-03-01 00:00 +08:00: in
      rec('EARLY', { receivedAt: at('2024-02-29T15:59:59.999Z') }), // 2024-02-29 23:59:59.999 +08:00: out
      rec('LAST', { receivedAt: at('2024-03-31T15:59:59.999Z') }), // 2024-03-31 23:59:59.999 +08:00: in
      rec('LATE', { receivedAt: at('2024-03-31T16:00:00Z') }), // 2024-04-01 00:00 +08:00: out
    ];
    expect(count(records).totals.complaints).toBe(2);
  });

  it('groups by ISO week in +08:00 across a year boundary', () => {
    const records = [
      rec('SUN', { receivedAt: at('2024-12-29T15:59:59.999Z') }), // Sun 2024-12-29 23:59 +08:00 → 2024-W52
      rec('MON', filed('C1', { receivedAt: at('2024-12-29T16:00:00Z'), caseFiledAt: at('2025-01-03T10:00:00+08:00') })), // Mon 2024-12-30 00:00 +08:00 → 2025-W01
      rec('NYD', { receivedAt: at('2025-01-01T10:00:00+08:00') }), // New Year's Day → 2025-W01
    ];
    const t = count(records, { groupBy: 'week', period: { from: '2024-12-23', to: '2025-01-05' }, cutoff: at('2025-02-01T00:00:00+08:00') });
    expect(t.rows).toEqual([
      { week: '2024-W52', name: '2024年第52周（2024-12-23至2024-12-29）', complaints: 1, converted: 0, cases: 0, rate: 0, met: false },
      // 1 of 2 = 0.5
      { week: '2025-W01', name: '2025年第1周（2024-12-30至2025-01-05）', complaints: 2, converted: 1, cases: 1, rate: 0.5, met: true },
    ]);
    // a 53-week year: 2021-01-01 belongs to 2020-W53; every week the period touches is listed
    expect(weeksOf({ from: '2020-12-31', to: '2021-01-11' }).map((w) => w.id)).toEqual(['2020-W53', '2021-W01', '2021-W02']);
    expect(isoWeekOf(localDateOf(at('2024-02-26T00:00:00+08:00')))).toBe('2024-W09');
  });

  it('compares the rate with the target exactly and gives no rate without complaints', () => {
    const ten = [rec('W1', filed('C1')), ...Array.from({ length: 9 }, (_, i) => rec(`N${i}`))];
    // 1 of 10 = 0.1, which meets 0.1
    expect(row(count(ten).rows, 'HS01')).toMatchObject({ complaints: 10, converted: 1, rate: 0.1, met: true });
    // 3 of 30 = 0.1 as well (3/30 rounds to the same double as 0.1; 0.1 × 30 would not)
    const thirty = [...[0, 1, 2].map((i) => rec(`W${i}`, filed(`C${i}`))), ...Array.from({ length: 27 }, (_, i) => rec(`N${i}`))];
    expect(row(count(thirty).rows, 'HS01')).toMatchObject({ rate: 0.1, met: true });
    // 1 of 11 ≈ 0.0909 misses it
    expect(row(count([...ten, rec('N9')]).rows, 'HS01')).toMatchObject({ met: false });
  });

  it('treats fields missing on older records as their defaults', () => {
    const old = { _id: 'OLD', category: 'street_order', hotspotAreaId: 'HS01', communityId: null, district: '市南区', repeatOf: null, receivedAt: at('2024-03-05T09:00:00+08:00'), inScope: true, caseId: 'C1' } as MetricRecord;
    // no caseFiledAt: not filed → 0 of 1; no simpleProcedure: not simple
    expect(count([old]).totals).toMatchObject({ complaints: 1, converted: 0 });
    expect(count([old]).simpleProcedure.complaints).toBe(0);
  });

  it('offers the cases-opened count as an alternative numerator', () => {
    const records = [
      rec('LD', { caseId: 'C1' }), // a lead, never filed
      rec('NF', { caseId: 'C2', caseFilingVoid: true }), // 不予立案 later
      rec('LATE', { caseId: 'C3', decidedAt: at('2024-05-01T09:00:00+08:00') }), // linked after the cutoff
      rec('NONE'),
    ];
    // opened: LD and NF had a case by the cutoff → 2 of 4
    expect(count(records, { numerator: 'opened' }).totals).toMatchObject({ complaints: 4, converted: 2, cases: 2 });
    // filed: none → 0 of 4
    expect(count(records).totals).toMatchObject({ complaints: 4, converted: 0 });
  });

  it('groups issues by their first report', () => {
    // the first report was in HS01 under 街面秩序, a repeat placed in HS02 under 户外广告招牌
    const records = [rec('A'), rec('A2', filed('C1', { repeatOf: 'A', hotspotAreaId: 'HS02', category: 'advertising' }))];
    const byArea = count(records);
    expect(row(byArea.rows, 'HS01')).toMatchObject({ complaints: 1, converted: 1 });
    expect(row(byArea.rows, 'HS02')).toMatchObject({ complaints: 0 });
    expect(row(count(records, { groupBy: 'category' }).rows, 'street_order', 'category')).toMatchObject({ complaints: 1, converted: 1 });
  });
});

describe('period and definition', () => {
  it('defaults to the current month in Asia/Shanghai and fills a missing end within one month', () => {
    // 2024-02-29 16:30 UTC is already 1 March in Qingdao
    expect(resolvePeriod(undefined, undefined, at('2024-02-29T16:30:00Z'))).toEqual({ from: '2024-03-01', to: '2024-03-31' });
    expect(resolvePeriod('2024-02-10', undefined, at('2026-01-01T00:00:00Z'))).toEqual({ from: '2024-02-10', to: '2024-02-29' });
    expect(resolvePeriod(undefined, '2024-12-15', at('2026-01-01T00:00:00Z'))).toEqual({ from: '2024-12-01', to: '2024-12-15' });
  });

  it('reads a cutoff as an instant with its offset, or a date as the end of that day in +08:00', () => {
    expect(parseCutoff('2024-04-25')?.toISOString()).toBe('2024-04-25T15:59:59.999Z');
    expect(parseCutoff('2024-04-25T12:00:00+08:00')?.toISOString()).toBe('2024-04-25T04:00:00.000Z');
    expect(parseCutoff('2024-04-25T12:00:00Z')?.toISOString()).toBe('2024-04-25T12:00:00.000Z');
    for (const bad of ['2024-04-25T12:00:00', '2024-02-30', '2024-02-30T00:00:00Z', '2024-04-25T25:00:00Z', 'yesterday', 20240425]) {
      expect(parseCutoff(bad)).toBeUndefined();
    }
  });

  it('prints the definition as one Chinese sentence built from the choices', () => {
    const text = definitionText({ unit: 'issue', scope: 'hotspot', numerator: 'filed' });
    expect(text).toMatch(/^诉转案率 = 转案事件数 ÷ 投诉事件数。/);
    for (const part of ['按受理时间', '属城管职责', '30 个热点区域内', '重复件合并为一个事件', '截止时点前已立案', '不予立案的不计', '撤销立案的剔除', '每个事件各计一次', '只计一次', '简易程序', '另行列示', '临时数']) {
      expect(text).toContain(part);
    }
    expect(definitionText({ unit: 'order', scope: 'all', numerator: 'opened' })).toMatch(/^诉转案率 = 转案工单数 ÷ 投诉工单数。.*全市范围内.*含待核查的案件线索/);
  });
});

describe('day cells, kept and combined (ADR 0019)', () => {
  // an incident over two weeks with a shared case, a revoked filing, simple procedure, out of remit and outside the areas
  const records: MetricRecord[] = [
    rec('A', { receivedAt: at('2024-03-01T00:00:00+08:00') }),
    rec('A-R1', { repeatOf: 'A', receivedAt: at('2024-03-18T12:00:00+08:00'), ...filed('C1') }),
    rec('B', { receivedAt: at('2024-03-18T08:00:00+08:00'), ...filed('C1'), hotspotAreaId: 'HS02' }),
    rec('C', { receivedAt: at('2024-03-19T23:59:59+08:00'), ...filed('C2', { caseFilingVoid: true }) }),
    rec('D', { receivedAt: at('2024-03-20T00:00:00+08:00'), caseId: 'C3', simpleProcedure: true }),
    rec('E', { receivedAt: at('2024-03-25T10:00:00+08:00'), inScope: false, ...filed('C4') }),
    rec('F', { receivedAt: at('2024-03-31T23:00:00+08:00'), hotspotAreaId: null, communityId: 'C001', ...filed('C5') }),
    rec('G', { repeatOf: 'LOST', receivedAt: at('2024-03-12T09:00:00+08:00') }),
    rec('G2', { repeatOf: 'LOST', receivedAt: at('2024-03-14T09:00:00+08:00'), ...filed('C6') }),
  ];
  const merge = (...parts: DayCells[]): DayCells => new Map(parts.flatMap((p) => [...p]));

  it('lists every day of a period, and splits days into runs of consecutive days', () => {
    expect(daysOf({ from: '2024-02-28', to: '2024-03-01' })).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(consecutiveRuns(['2024-03-01', '2024-03-02', '2024-03-04', '2024-03-31', '2024-04-01'])).toEqual([
      { from: '2024-03-01', to: '2024-03-02' },
      { from: '2024-03-04', to: '2024-03-04' },
      { from: '2024-03-31', to: '2024-04-01' },
    ]);
    expect(consecutiveRuns([])).toEqual([]);
  });

  it('puts each unit on the day of its first report', () => {
    const issues = cellsByDay(records, march.period, 'issue', EVERY_FILING);
    expect([...issues.keys()].sort()).toEqual(['2024-03-01', '2024-03-12', '2024-03-18', '2024-03-19', '2024-03-20', '2024-03-25', '2024-03-31']);
    expect(issues.get('2024-03-01')).toEqual([expect.objectContaining({ complaints: 1, filed: { converted: 1, simple: 0, cases: ['C1'] } })]);
    expect(cellsByDay(records, march.period, 'order', EVERY_FILING).get('2024-03-18')?.reduce((n, c) => n + c.complaints, 0)).toBe(2);
  });

  it.each(['hotspotArea', 'district', 'community', 'category', 'week'] as const)('gives the recount by %s from days counted apart and merged', (groupBy) => {
    for (const unit of ['issue', 'order'] as const) {
      for (const scope of ['hotspot', 'all'] as const) {
        for (const numerator of ['filed', 'opened'] as const) {
          const q: MetricQuery = { ...march, groupBy, unit, scope, numerator, cutoff: EVERY_FILING };
          const runs = consecutiveRuns(daysOf(march.period)).flatMap((p) => daysOf(p).map((d) => ({ from: d, to: d })));
          const merged = merge(...runs.map((run) => cellsByDay(records, run, unit, EVERY_FILING)));
          expect(tabulate(merged, q)).toEqual(countComplaintToCase(records, q));
        }
      }
    }
  });
});

