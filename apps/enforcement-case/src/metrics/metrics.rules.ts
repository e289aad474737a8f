import {
  addLocalDays,
  endOfLocalDay,
  isLocalDate,
  isoWeekOf,
  localDateOf,
  localDaysBetween,
  mondayOf,
  monthOf,
  mustBeLocalDate,
  parseInstantWithOffset,
  startOfLocalDay,
} from '@pipeline/calendar';
import { CATEGORIES, CATEGORY_CODES } from '@pipeline/contracts';
import { referenceData } from '@pipeline/reference-data';
import { incidentOf } from '../complaint-records/incident';

// The 诉转案 metric, counted from plain complaint records (domain.md §2, ADR 0009).
// Pure: no store, no clock; the service fetches the records and says what "now" is.

export const GROUP_BYS = ['hotspotArea', 'district', 'community', 'category', 'week'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** issue: an incident (事件), a first report with its repeats merged; order: every complaint (工单). */
export const UNITS = ['issue', 'order'] as const;
export type Unit = (typeof UNITS)[number];

/** hotspot: only complaints inside the 30 hotspot areas, as the bureau's target is set; all: the whole city. */
export const SCOPES = ['hotspot', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

/** filed: a case reached 立案 by the cutoff and stands (the default); opened: any case linked, lead or not. */
export const NUMERATORS = ['filed', 'opened'] as const;
export type Numerator = (typeof NUMERATORS)[number];

export const KEY_FIELDS = { hotspotArea: 'hotspotAreaId', district: 'district', community: 'communityId', category: 'category', week: 'week' } as const;
export type KeyField = (typeof KEY_FIELDS)[GroupBy];

export interface MetricChoices {
  unit: Unit;
  scope: Scope;
  numerator: Numerator;
}

/**
 * The definition, written once: which complaints form the denominator and
 * which of them the numerator keeps. No official formula exists (domain.md
 * §2), so the figure always travels with this text.
 */
export const METRIC_DEFINITION = {
  defaults: { unit: 'issue', scope: 'hotspot', numerator: 'filed' } satisfies MetricChoices,
  unit: {
    issue: { noun: '事件', rule: '同一违法事项的首次反映与其重复件合并为一个事件，只计一次，按首次反映的受理时间、位置和分类归属' },
    order: { noun: '工单', rule: '每件投诉各计一次，重复件也单独计数' },
  },
  scope: { hotspot: '位于 30 个热点区域内', all: '全市范围内' },
  denominator: '统计期内受理（按受理时间，北京时间）、属城管职责（不含转其他部门办理的投诉）',
  numerator: {
    filed: { linked: '截止时点前已立案的案件', rule: '不予立案的不计，撤销立案的剔除（不论撤销在截止时点前后）' },
    opened: { linked: '执法案件（含待核查的案件线索）', rule: '按转案决定时间计至截止时点，其后不予立案或撤销立案的也计入（旧口径，仅供对照）' },
  },
  perCase: '一件案件关联多个{unit}的，每个{unit}各计一次；一个{unit}关联多件案件的，只计一次',
  simpleProcedure: '简易程序当场作出处罚决定（不立案）的不计入分子，另行列示',
  provisional: '立案前的核查通常需时约 25 日，最近一个月的数字为临时数',
} as const;

/** The definition as the sentence printed beside the figures. */
export function definitionText(c: MetricChoices): string {
  const d = METRIC_DEFINITION;
  const noun = d.unit[c.unit].noun;
  return (
    `诉转案率 = 转案${noun}数 ÷ 投诉${noun}数。` +
    `分母：${d.denominator}、${d.scope[c.scope]}的投诉${noun}；${d.unit[c.unit].rule}。` +
    `分子：其中至少关联一件${d.numerator[c.numerator].linked}的${noun}；${d.numerator[c.numerator].rule}；` +
    `${d.perCase.replaceAll('{unit}', noun)}；${d.simpleProcedure}。` +
    `${d.provisional}。`
  );
}

/** One complaint as stored, with only the fields the metric reads; fields missing on older records take their defaults. */
export interface MetricRecord {
  _id: string;
  category: string;
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
  /** The incident's first report, or null for a first report. */
  repeatOf: string | null;
  /** The incident's first report id; derived from repeatOf when absent. */
  incidentId?: string | null;
  receivedAt: Date;
  inScope: boolean;
  caseId: string | null;
  /** When the complaint's case reached 立案 (FILED); default null. */
  caseFiledAt?: Date | null;
  /** 撤销立案, or the lead ended 不予立案; default false. */
  caseFilingVoid?: boolean;
  /** Decided on the spot (简易程序, no 立案); default false. */
  simpleProcedure?: boolean;
  /** When the outcome that linked the case was decided (numerator=opened only). */
  decidedAt?: Date | null;
}

export interface MetricQuery extends MetricChoices {
  period: Period;
  /** Filings (or, for numerator=opened, case links) count up to this instant. */
  cutoff: Date;
  groupBy: GroupBy;
  target: number;
}

export interface Counts {
  complaints: number;
  converted: number;
  cases: number;
  rate: number | null;
  met: boolean;
}

export type MetricRow = { name: string } & Partial<Record<KeyField, string | null>> & Counts;

export interface MetricTable {
  rows: MetricRow[];
  /** cases here are distinct over the whole table: a case on issues in two rows counts once. */
  totals: Counts;
  /** Complaints (in the unit asked) of the denominator that an on-the-spot decision kept out of the numerator. */
  simpleProcedure: { complaints: number };
}

// ---------------------------------------------------------------------------
// Periods of Asia/Shanghai dates (the date arithmetic is the calendar lib's)

/** A period of acceptance dates, both ends included, as Asia/Shanghai dates `YYYY-MM-DD`. */
export interface Period {
  from: string;
  to: string;
}

/** A cutoff: an instant with its offset, or a bare date meaning the end of that Asia/Shanghai day; undefined when neither. */
export function parseCutoff(value: unknown): Date | undefined {
  return isLocalDate(value) ? endOfLocalDay(value) : parseInstantWithOffset(value);
}

/** The period as instants: [start, end), end being the start of the day after `to`. */
export function periodInstants(p: Period): { start: Date; end: Date } {
  return { start: startOfLocalDay(p.from), end: startOfLocalDay(addLocalDays(p.to, 1)) };
}

/**
 * Fills a missing end: without `from` the period starts on the first of
 * `to`'s month, without `to` it ends on the last of `from`'s month; with
 * neither it is the current month in Asia/Shanghai.
 */
export function resolvePeriod(from: string | undefined, to: string | undefined, now: Date): Period {
  const { first, last } = monthOf(from ?? to ?? localDateOf(now));
  return { from: from ?? first, to: to ?? last };
}

/** Every ISO week the period touches, in order, with a Chinese name giving its Monday and Sunday. */
export function weeksOf(p: Period): { id: string; name: string }[] {
  const weeks: { id: string; name: string }[] = [];
  for (let monday = mondayOf(p.from); monday <= mustBeLocalDate(p.to); monday = addLocalDays(monday, 7)) {
    const id = isoWeekOf(monday);
    const [year, w] = id.split('-W');
    weeks.push({ id, name: `${year}年第${Number(w)}周（${monday}至${addLocalDays(monday, 6)}）` });
  }
  return weeks;
}

// ---------------------------------------------------------------------------
// Counting

/** The members a grouping lists: every reference member, zeros included, in reference order. */
export function groupMembers(groupBy: GroupBy, period: Period): { id: string; name: string }[] {
  const ref = referenceData();
  switch (groupBy) {
    case 'hotspotArea':
      return ref.hotspotAreas.map((a) => ({ id: a.id, name: a.name }));
    case 'district':
      return ref.districts.map((d) => ({ id: d, name: d }));
    case 'community':
      return ref.communities.map((c) => ({ id: c.id, name: c.name }));
    case 'category':
      return CATEGORY_CODES.map((code) => ({ id: code, name: CATEGORIES[code].name }));
    case 'week':
      return weeksOf(period);
  }
}

/** The row for complaints whose place is unknown or outside the reference list; listed only when it has complaints. */
export const UNASSIGNED_NAMES: Record<GroupBy, string> = {
  hotspotArea: '热点区域外',
  district: '区（市）不详',
  community: '不在 100 个社区内',
  category: '分类不详',
  week: '统计期外',
};

/** The case whose filing (or, for opened, whose link) puts this complaint in the numerator, or null. */
export function countingCase(r: MetricRecord, q: Pick<MetricQuery, 'numerator' | 'cutoff'>): string | null {
  if (!r.caseId || r.simpleProcedure === true) return null;
  const cutoff = q.cutoff.getTime();
  if (q.numerator === 'opened') {
    return !r.decidedAt || r.decidedAt.getTime() <= cutoff ? r.caseId : null;
  }
  const filedAt = r.caseFiledAt ?? null;
  return filedAt !== null && filedAt.getTime() <= cutoff && r.caseFilingVoid !== true ? r.caseId : null;
}

/** A counting unit: a complaint (order) or an incident (issue), described by its first report. */
interface CountingUnit {
  first: MetricRecord;
  members: MetricRecord[];
}

/**
 * The units accepted in the period. For issues the records may include an
 * incident's complaints from outside the period (its first report before,
 * its later repeats after): an incident belongs to the period of its first
 * report (the root record, or the earliest known complaint when the root was
 * never recorded) and any of its complaints can convert it.
 */
function unitsInPeriod(records: readonly MetricRecord[], period: Period, unit: Unit): CountingUnit[] {
  const { start, end } = periodInstants(period);
  const inPeriod = (r: MetricRecord) => r.receivedAt.getTime() >= start.getTime() && r.receivedAt.getTime() < end.getTime();
  const unique = [...new Map(records.map((r) => [r._id, r])).values()];
  if (unit === 'order') return unique.filter(inPeriod).map((r) => ({ first: r, members: [r] }));

  const incidents = new Map<string, MetricRecord[]>();
  for (const r of unique) {
    const id = incidentOf(r);
    const known = incidents.get(id);
    if (known) known.push(r);
    else incidents.set(id, [r]);
  }
  const units: CountingUnit[] = [];
  for (const [id, members] of incidents) {
    const first = members.find((m) => m._id === id) ?? [...members].sort(byReceipt)[0];
    if (inPeriod(first)) units.push({ first, members });
  }
  return units;
}

function byReceipt(a: MetricRecord, b: MetricRecord): number {
  return a.receivedAt.getTime() - b.receivedAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

// ---------------------------------------------------------------------------
// Counting, in two steps: the units of each day are summed into cells (one per
// place, category and remit, with both numerators), then cells into the table.
// The service keeps each day's cells (ADR 0019), so a table can also be made
// from stored cells without reading the records again.

/** One numerator's count in a cell: units converted, units only decided on the spot, and the distinct counting cases. */
export interface CellTally {
  converted: number;
  simple: number;
  cases: string[];
}

/** The units first reported on one day at one place, of one category and remit. */
export interface MetricCell {
  hotspotAreaId: string | null;
  district: string | null;
  communityId: string | null;
  category: string;
  inScope: boolean;
  complaints: number;
  filed: CellTally;
  opened: CellTally;
}

/** The cells of a local day (`YYYY-MM-DD`, Asia/Shanghai), by the day of each unit's first report. */
export type DayCells = Map<string, MetricCell[]>;

/** The largest instant a Date holds: counting up to it counts every filing recorded so far. */
export const EVERY_FILING = new Date(8.64e15);

/** Sums the period's units (in the unit asked) into cells per day, counting filings up to `cutoff`. */
export function cellsByDay(records: readonly MetricRecord[], period: Period, unit: Unit, cutoff: Date): DayCells {
  const byDay = new Map<string, Map<string, MetricCell>>();
  // a cell's distinct cases while counting (a cell may hold thousands); written into the cell at the end
  const casesOf = new Map<CellTally, Set<string>>();
  for (const { first, members } of unitsInPeriod(records, period, unit)) {
    const day = localDateOf(first.receivedAt);
    const place = [first.hotspotAreaId, first.district, first.communityId, first.category, first.inScope === true];
    const cells = byDay.get(day) ?? new Map<string, MetricCell>();
    byDay.set(day, cells);
    const key = JSON.stringify(place);
    const cell = cells.get(key) ?? {
      hotspotAreaId: first.hotspotAreaId ?? null,
      district: first.district ?? null,
      communityId: first.communityId ?? null,
      category: first.category,
      inScope: first.inScope === true,
      complaints: 0,
      filed: { converted: 0, simple: 0, cases: [] },
      opened: { converted: 0, simple: 0, cases: [] },
    };
    cells.set(key, cell);
    cell.complaints += 1;
    for (const numerator of NUMERATORS) {
      const cases = casesOf.get(cell[numerator]) ?? new Set<string>();
      casesOf.set(cell[numerator], cases);
      tallyUnit(cell[numerator], cases, members, { numerator, cutoff });
    }
  }
  for (const [tally, cases] of casesOf) tally.cases = [...cases];
  return new Map([...byDay].map(([day, cells]) => [day, [...cells.values()]]));
}

function tallyUnit(tally: CellTally, cellCases: Set<string>, members: readonly MetricRecord[], q: Pick<MetricQuery, 'numerator' | 'cutoff'>): void {
  const cases = new Set(members.map((c) => countingCase(c, q)).filter((c): c is string => c !== null));
  if (cases.size > 0) {
    tally.converted += 1;
    for (const c of cases) cellCases.add(c);
  } else if (members.some((c) => c.simpleProcedure === true)) {
    tally.simple += 1;
  }
}

/** The grouping key of a cell, or null when its value is not a reference member. */
function keyOf(cell: MetricCell, week: string, groupBy: GroupBy, known: ReadonlySet<string>): string | null {
  const value = groupBy === 'week' ? week : cell[KEY_FIELDS[groupBy] as Exclude<KeyField, 'week'>];
  return value !== null && value !== undefined && known.has(value) ? value : null;
}

function counts(complaints: number, converted: number, cases: number, target: number): Counts {
  const rate = complaints ? converted / complaints : null;
  return { complaints, converted, cases, rate, met: rate !== null && rate >= target };
}

/**
 * The table from the period's cells: one row per member of the grouping (all
 * listed, zeros included), plus an unassigned row when complaints fall
 * outside the reference list; totals; and the simple-procedure count.
 */
export function tabulate(days: DayCells, q: Omit<MetricQuery, 'cutoff' | 'unit'>): MetricTable {
  const hotspotIds = new Set(referenceData().hotspotAreas.map((a) => a.id));
  const members = groupMembers(q.groupBy, q.period);
  const known = new Set(members.map((m) => m.id));
  const keyField = KEY_FIELDS[q.groupBy];

  const tally = new Map<string | null, { complaints: number; converted: number; cases: Set<string> }>();
  const allCases = new Set<string>();
  let simple = 0;
  for (const [day, cells] of days) {
    const week = q.groupBy === 'week' ? isoWeekOf(day) : ''; // once per day, not per cell
    for (const cell of cells) {
      if (!cell.inScope) continue;
      if (q.scope === 'hotspot' && !(cell.hotspotAreaId && hotspotIds.has(cell.hotspotAreaId))) continue;
      const key = keyOf(cell, week, q.groupBy, known);
      const row = tally.get(key) ?? { complaints: 0, converted: 0, cases: new Set<string>() };
      tally.set(key, row);
      const counted = cell[q.numerator];
      row.complaints += cell.complaints;
      row.converted += counted.converted;
      simple += counted.simple;
      for (const c of counted.cases) {
        row.cases.add(c);
        allCases.add(c);
      }
    }
  }

  const rowOf = (id: string | null, name: string): MetricRow => {
    const t = tally.get(id);
    return { [keyField]: id, name, ...counts(t?.complaints ?? 0, t?.converted ?? 0, t?.cases.size ?? 0, q.target) };
  };
  const rows = members.map((m) => rowOf(m.id, m.name));
  if (tally.has(null)) rows.push(rowOf(null, UNASSIGNED_NAMES[q.groupBy]));

  const complaints = rows.reduce((n, r) => n + r.complaints, 0);
  const converted = rows.reduce((n, r) => n + r.converted, 0);
  return { rows, totals: counts(complaints, converted, allCases.size, q.target), simpleProcedure: { complaints: simple } };
}

/** The table recounted from plain records. */
export function countComplaintToCase(records: readonly MetricRecord[], q: MetricQuery): MetricTable {
  return tabulate(cellsByDay(records, q.period, q.unit, q.cutoff), q);
}

/** Every local day of the period, in order. */
export function daysOf(p: Period): string[] {
  const days: string[] = [];
  for (let day = mustBeLocalDate(p.from); day <= mustBeLocalDate(p.to); day = addLocalDays(day, 1)) days.push(day);
  return days;
}

/** Ordered local days split where one does not follow the day before it: each run is read as one period. */
export function consecutiveRuns(days: readonly string[]): Period[] {
  const runs: Period[] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && localDaysBetween(last.to, day) === 1) last.to = day;
    else runs.push({ from: day, to: day });
  }
  return runs;
}
