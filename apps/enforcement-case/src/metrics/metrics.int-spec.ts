import type { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { CATEGORIES, CATEGORY_CODES, type CategoryCode } from '@pipeline/contracts';
import { validateEnv } from '@pipeline/config';
import { referenceData } from '@pipeline/reference-data';
import { startTestService } from '@pipeline/service-testing';
import { apiClient, testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { AppModule, SERVICE_NAME } from '../app.module';
import { CaseEnv } from '../case.env';
import { ComplaintRecordRepository } from '../complaint-records/complaint-record.repository';
import { ComplaintRecord } from '../complaint-records/complaint-record.schema';
import { MetricDay } from './metric-day.schema';
import { MetricsRepository } from './metrics.repository';
import { daysOf } from './metrics.rules';

// ---------------------------------------------------------------------------
// A generated month (March 2024) of complaint records, with a fixed seed:
// first reports over the 30 areas and beyond, repeats (some in April, some
// of February incidents, some whose first report was never recorded), cases
// shared by two incidents, incidents with two cases, filings before and after
// the cutoff, 撤销立案, 不予立案, leads, simple procedure, out-of-remit
// complaints, and older records without the filing fields.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CUTOFF = '2024-04-25T18:00:00+08:00';

interface Gen {
  id: string;
  category: CategoryCode;
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
  repeatOf: string | null;
  receivedAt: Date;
  inScope: boolean;
  caseId: string | null;
  caseFiledAt: Date | null;
  caseFilingVoid: boolean;
  simpleProcedure: boolean;
  decidedAt: Date;
  /** Stored without incidentId and the filing fields, as records written before they existed. */
  legacy: boolean;
}

interface GenCase {
  id: string;
  filedAt: Date | null;
  void: boolean;
  simple: boolean;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(seed: number): Gen[] {
  const random = mulberry32(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const between = (from: number, to: number) => new Date(from + Math.floor(random() * (to - from)));
  const ref = referenceData();
  const cutoff = Date.parse(CUTOFF);
  const records: Gen[] = [];
  const cases: GenCase[] = [];
  let n = 0;

  const newCase = (receivedAt: Date): GenCase => {
    const id = `CASE-${++n}`;
    const roll = random();
    const c: GenCase =
      roll < 0.4 ? { id, filedAt: new Date(receivedAt.getTime() + DAY + random() * 30 * DAY), void: false, simple: false } // filed, maybe after the cutoff
      : roll < 0.5 ? { id, filedAt: new Date(cutoff + 1 + random() * 10 * DAY), void: false, simple: false } // filed after the cutoff
      : roll < 0.6 ? { id, filedAt: new Date(receivedAt.getTime() + DAY + random() * 10 * DAY), void: true, simple: false } // 撤销立案
      : roll < 0.75 ? { id, filedAt: null, void: true, simple: false } // 不予立案
      : roll < 0.85 ? { id, filedAt: null, void: false, simple: false } // still a lead
      : { id, filedAt: null, void: false, simple: true }; // 简易程序
    cases.push(c);
    return c;
  };
  const place = () => {
    const roll = random();
    if (roll < 0.8) {
      const area = pick(ref.hotspotAreas);
      const inside = ref.communities.filter((c) => c.hotspotAreaId === area.id);
      return { hotspotAreaId: area.id, district: area.district, communityId: inside.length && chance(0.5) ? pick(inside).id : null };
    }
    if (roll < 0.9) {
      const c = pick(ref.communities.filter((x) => x.hotspotAreaId === null));
      return { hotspotAreaId: null, district: c.district, communityId: c.id };
    }
    if (roll < 0.97) return { hotspotAreaId: null, district: pick(ref.districts), communityId: null };
    return { hotspotAreaId: null, district: null, communityId: null };
  };
  const add = (id: string, receivedAt: Date, base: Pick<Gen, 'category' | 'hotspotAreaId' | 'communityId' | 'district' | 'inScope'>, repeatOf: string | null, c: GenCase | null): Gen => {
    const linkedLate = c !== null && chance(0.05); // the case was linked (a dispatcher's decision) after the cutoff
    const r: Gen = {
      id, ...base, repeatOf, receivedAt,
      caseId: c?.simple && chance(0.3) ? null : (c?.id ?? null),
      caseFiledAt: c?.filedAt ?? null,
      caseFilingVoid: c?.void ?? false,
      simpleProcedure: c?.simple ?? false,
      decidedAt: linkedLate ? new Date(cutoff + DAY) : new Date(receivedAt.getTime() + 2 * 60_000),
      legacy: false,
    };
    r.legacy = !r.caseFiledAt && !r.caseFilingVoid && !r.simpleProcedure && chance(0.3);
    records.push(r);
    return r;
  };
  const root = (id: string, receivedAt: Date) => {
    const category = pick(CATEGORY_CODES);
    const base = { category, ...place(), inScope: category !== 'other' && !chance(0.05) };
    const shared = cases.length > 0 && chance(0.05) ? pick(cases) : null; // one case on two incidents
    const c = shared ?? (chance(0.5) ? newCase(receivedAt) : null);
    const first = add(id, receivedAt, base, null, c);
    const repeats = chance(0.6) ? 0 : chance(0.6) ? 1 : 2 + Math.floor(random() * 3);
    for (let i = 1; i <= repeats; i++) {
      const at = new Date(receivedAt.getTime() + random() * 20 * DAY); // some spill into April
      const moved = chance(0.1) ? { ...base, ...place() } : base; // a repeat placed elsewhere: the first report decides
      const own = c && chance(0.85) ? c : chance(c ? 0.5 : 0.3) ? newCase(at) : null; // attach, or a second case
      add(`${first.id}-R${i}`, at, moved, first.id, own);
    }
  };

  const march = Date.parse('2024-03-01T00:00:00+08:00');
  const april = Date.parse('2024-04-01T00:00:00+08:00');
  for (let i = 0; i < 260; i++) root(`M${i}`, between(march, april));
  for (let i = 0; i < 25; i++) root(`F${i}`, between(Date.parse('2024-02-10T00:00:00+08:00'), march)); // repeats reach into March
  for (let i = 0; i < 20; i++) root(`A${i}`, between(april, Date.parse('2024-04-20T00:00:00+08:00')));
  // the edges of the period in +08:00
  root('EDGE-IN-FIRST', new Date(march));
  root('EDGE-OUT-BEFORE', new Date(march - 1));
  root('EDGE-IN-LAST', new Date(april - 1));
  root('EDGE-OUT-AFTER', new Date(april));
  // repeats whose first report was never recorded
  for (let i = 0; i < 6; i++) {
    const category = pick(CATEGORY_CODES);
    const base = { category, ...place(), inScope: category !== 'other' };
    const start = between(Date.parse('2024-02-20T00:00:00+08:00'), Date.parse('2024-03-20T00:00:00+08:00')).getTime();
    for (let k = 0; k < 3; k++) add(`ORPHAN-${i}-${k}`, new Date(start + k * 4 * DAY), base, `LOST-${i}`, chance(0.4) ? newCase(new Date(start)) : null);
  }
  return records;
}

// ---------------------------------------------------------------------------
// The recount, written plainly from the generated data.

interface Expected {
  key: string | null;
  complaints: number;
  converted: number;
  cases: number;
  rate: number | null;
  met: boolean;
}

const localDate = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10);

/** ISO week of the Asia/Shanghai date of an instant, the textbook way. */
function isoWeek(d: Date): string {
  const local = new Date(d.getTime() + 8 * HOUR);
  const t = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7));
  const week = Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / DAY + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function recount(
  data: Gen[],
  q: { from: string; to: string; cutoff: string; groupBy: string; unit: string; scope: string; numerator: string },
): { rows: Expected[]; totals: Expected; simple: number } {
  const start = Date.parse(`${q.from}T00:00:00+08:00`);
  const end = Date.parse(`${q.to}T00:00:00+08:00`) + DAY;
  const cutoff = Date.parse(q.cutoff);
  const inPeriod = (r: Gen) => r.receivedAt.getTime() >= start && r.receivedAt.getTime() < end;
  const countedCase = (r: Gen): string | null => {
    if (!r.caseId || r.simpleProcedure) return null;
    if (q.numerator === 'opened') return r.decidedAt.getTime() <= cutoff ? r.caseId : null;
    return r.caseFiledAt && r.caseFiledAt.getTime() <= cutoff && !r.caseFilingVoid ? r.caseId : null;
  };

  let units: { head: Gen; members: Gen[] }[] = [];
  if (q.unit === 'order') {
    units = data.filter(inPeriod).map((r) => ({ head: r, members: [r] }));
  } else {
    const incidents = new Map<string, Gen[]>();
    for (const r of data) incidents.set(r.repeatOf ?? r.id, [...(incidents.get(r.repeatOf ?? r.id) ?? []), r]);
    for (const [id, members] of incidents) {
      const head = members.find((m) => m.id === id) ?? [...members].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())[0];
      if (inPeriod(head)) units.push({ head, members });
    }
  }
  units = units.filter((u) => u.head.inScope && (q.scope === 'all' || u.head.hotspotAreaId !== null));

  const ref = referenceData();
  const keys: string[] = {
    hotspotArea: ref.hotspotAreas.map((a) => a.id),
    district: [...ref.districts],
    community: ref.communities.map((c) => c.id),
    category: [...CATEGORY_CODES],
    week: [] as string[],
  }[q.groupBy]!;
  if (q.groupBy === 'week') {
    for (let t = start; t < end; t += DAY) if (!keys.includes(isoWeek(new Date(t)))) keys.push(isoWeek(new Date(t)));
  }
  const keyOf = (r: Gen): string | null =>
    ({ hotspotArea: r.hotspotAreaId, district: r.district, community: r.communityId, category: r.category, week: isoWeek(r.receivedAt) })[q.groupBy] ?? null;

  const make = (key: string | null, mine: { head: Gen; members: Gen[] }[]): Expected => {
    const converted = mine.filter((u) => u.members.some((m) => countedCase(m) !== null));
    const cases = new Set(mine.flatMap((u) => u.members.map(countedCase)).filter((c) => c !== null));
    const rate = mine.length ? converted.length / mine.length : null;
    return { key, complaints: mine.length, converted: converted.length, cases: cases.size, rate, met: rate !== null && rate >= 0.1 };
  };
  const rows = keys.map((k) => make(k, units.filter((u) => keyOf(u.head) === k)));
  const unassigned = units.filter((u) => keyOf(u.head) === null);
  if (unassigned.length) rows.push(make(null, unassigned));
  const simple = units.filter((u) => u.members.every((m) => countedCase(m) === null) && u.members.some((m) => m.simpleProcedure)).length;
  return { rows, totals: make('total', units), simple };
}

// ---------------------------------------------------------------------------

const KEY_FIELD: Record<string, string> = { hotspotArea: 'hotspotAreaId', district: 'district', community: 'communityId', category: 'category', week: 'week' };

type Row = Record<string, unknown> & { name: string; complaints: number; converted: number; cases: number; rate: number | null; met: boolean };
interface Report {
  target: number;
  definition: string;
  period: { from: string; to: string; cutoff: string };
  groupBy: string;
  unit: string;
  rows: Row[];
  totals: Omit<Row, 'name'>;
  simpleProcedure: { complaints: number };
}

/** The few lines of CSV this test reads: commas, quotes and CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

/** A generated record as the service stores it. */
function toStored(g: Gen) {
  return {
    _id: g.id,
    category: g.category,
    enforceable: CATEGORIES[g.category].usuallyEnforceable,
    urgent: false,
    hotspotAreaId: g.hotspotAreaId,
    communityId: g.communityId,
    district: g.district,
    repeatOf: g.repeatOf,
    reportedAt: new Date(g.receivedAt.getTime() - 60_000),
    receivedAt: g.receivedAt,
    outcome: g.caseId ? 'case' : g.inScope ? 'service_request' : 'forwarded',
    converted: g.caseId !== null,
    inScope: g.inScope,
    caseId: g.caseId,
    reason: 'generated',
    ruleVersion: 'test',
    decidedAt: g.decidedAt,
    ...(g.legacy ? {} : { incidentId: g.repeatOf ?? g.id, caseFiledAt: g.caseFiledAt, caseFilingVoid: g.caseFilingVoid, simpleProcedure: g.simpleProcedure }),
  };
}

describe('the complaint-to-case metric against a recount on the real store', () => {
  const ns = testNamespace('metrics');
  const infra = testInfra();
  const data = generate(20240301);
  let app: INestApplication;
  const http = () => apiClient(app.getHttpServer());
  const report = async (query: string): Promise<Report> => {
    const res = await http().get(`/api/v1/metrics/complaint-to-case?${query}`);
    expect(res.status).toBe(200);
    return res.body as Report;
  };

  beforeAll(async () => {
    const env = validateEnv(CaseEnv, { KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongoUri, MONGODB_DB: testDbName(ns, 'case'), KAFKA_TOPIC_PREFIX: ns });
    app = await startTestService(AppModule.forRoot(env), { name: SERVICE_NAME, bodyLimit: env.HTTP_BODY_LIMIT });

    const model = app.get<Model<ComplaintRecord>>(getModelToken(ComplaintRecord.name));
    const stored = data.map(toStored);
    // current records through the schema (validated, defaults applied); older ones as they were stored, without the newer fields
    await model.insertMany(stored.filter((_, i) => !data[i].legacy));
    await model.collection.insertMany(stored.filter((_, i) => data[i].legacy) as never[]);
    expect(await model.countDocuments()).toBe(data.length);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('generated a month worth recounting', () => {
    const march = data.filter((r) => localDate(r.receivedAt).startsWith('2024-03'));
    expect(march.length).toBeGreaterThan(300);
    expect(new Set(march.map((r) => r.hotspotAreaId).filter(Boolean)).size).toBe(30);
    // every situation the definition speaks of occurs
    expect(march.some((r) => r.repeatOf)).toBe(true);
    expect(march.some((r) => r.caseFilingVoid && r.caseFiledAt)).toBe(true); // 撤销立案
    expect(march.some((r) => r.caseFilingVoid && !r.caseFiledAt)).toBe(true); // 不予立案
    expect(march.some((r) => r.caseFiledAt && r.caseFiledAt.getTime() > Date.parse(CUTOFF))).toBe(true);
    expect(march.some((r) => r.simpleProcedure)).toBe(true);
    expect(march.some((r) => !r.inScope)).toBe(true);
    expect(march.some((r) => r.legacy)).toBe(true);
    expect(data.some((r) => r.repeatOf && !localDate(r.receivedAt).startsWith('2024-03') && data.find((x) => x.id === r.repeatOf && localDate(x.receivedAt).startsWith('2024-03')))).toBe(true);
    const caseIncidents = new Map<string, Set<string>>();
    for (const r of data) if (r.caseId) caseIncidents.set(r.caseId, new Set([...(caseIncidents.get(r.caseId) ?? []), r.repeatOf ?? r.id]));
    expect([...caseIncidents.values()].some((s) => s.size > 1)).toBe(true); // a case on two incidents
  });

  const groupings = ['hotspotArea', 'district', 'community', 'category', 'week'];
  const cases = groupings.flatMap((groupBy) => ['issue', 'order'].flatMap((unit) => ['hotspot', 'all'].map((scope) => ({ groupBy, unit, scope, numerator: 'filed' }))));
  cases.push(
    { groupBy: 'hotspotArea', unit: 'issue', scope: 'hotspot', numerator: 'opened' },
    { groupBy: 'hotspotArea', unit: 'order', scope: 'hotspot', numerator: 'opened' },
    { groupBy: 'category', unit: 'issue', scope: 'all', numerator: 'opened' },
  );

  it.each(cases)('equals the recount for March by $groupBy, per $unit, scope $scope, numerator $numerator', async (c) => {
    const q = { from: '2024-03-01', to: '2024-03-31', cutoff: CUTOFF, ...c };
    const body = await report(new URLSearchParams(q).toString());
    const expected = recount(data, q);
    const key = KEY_FIELD[c.groupBy];
    expect(body.rows.map((r) => ({ key: r[key], complaints: r.complaints, converted: r.converted, cases: r.cases, rate: r.rate, met: r.met }))).toEqual(expected.rows);
    expect(body.totals).toEqual({ complaints: expected.totals.complaints, converted: expected.totals.converted, cases: expected.totals.cases, rate: expected.totals.rate, met: expected.totals.met });
    expect(body.simpleProcedure).toEqual({ complaints: expected.simple });
    expect(body).toMatchObject({ target: 0.1, groupBy: c.groupBy, unit: c.unit, period: { from: '2024-03-01', to: '2024-03-31', cutoff: new Date(CUTOFF).toISOString() } });
    expect(expected.totals.complaints).toBeGreaterThan(0);
  });

  it('equals the recount over a period that cuts incidents in two, with the default cutoff', async () => {
    for (const unit of ['issue', 'order']) {
      const body = await report(`from=2024-03-15&to=2024-04-10&unit=${unit}&scope=all&groupBy=week`);
      const expected = recount(data, { from: '2024-03-15', to: '2024-04-10', cutoff: body.period.cutoff, groupBy: 'week', unit, scope: 'all', numerator: 'filed' });
      expect(body.rows.map((r) => ({ key: r['week'], complaints: r.complaints, converted: r.converted, cases: r.cases, rate: r.rate, met: r.met }))).toEqual(expected.rows);
      expect(body.rows.map((r) => r['week'])).toEqual(['2024-W11', '2024-W12', '2024-W13', '2024-W14', '2024-W15']);
    }
  });

  it('names the rows and lists all 30 areas by default, in the current month', async () => {
    const body = await report('');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(body.period.from).toBe(`${today.slice(0, 7)}-01`);
    expect(body.period.to.slice(0, 7)).toBe(today.slice(0, 7));
    expect(body).toMatchObject({ groupBy: 'hotspotArea', unit: 'issue' });
    expect(body.rows.map((r) => [r['hotspotAreaId'], r.name])).toEqual(referenceData().hotspotAreas.map((a) => [a.id, a.name]));
    expect(body.definition).toMatch(/^诉转案率 = 转案事件数 ÷ 投诉事件数。/);
    const byCategory = await report('from=2024-03-01&to=2024-03-31&groupBy=category');
    expect(byCategory.rows.map((r) => r.name)).toEqual(CATEGORY_CODES.map((c) => CATEGORIES[c].name));
  });

  it.each(['hotspotArea', 'week', 'community'])('gives the same table as CSV by %s', async (groupBy) => {
    const query = `from=2024-03-01&to=2024-03-31&cutoff=${encodeURIComponent(CUTOFF)}&groupBy=${groupBy}&scope=all`;
    const json = await report(query);
    const res = await http()
      .get(`/api/v1/metrics/complaint-to-case?${query}&format=csv`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=complaint-to-case-2024-03-01-2024-03-31.csv');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = parseCsv(bytes.subarray(3).toString('utf8'));
    const keyHeader = { hotspotArea: '热点区域编号', week: '周', community: '社区编号' }[groupBy];
    expect(header).toEqual([keyHeader, '名称', '投诉数', '转案数', '案件数', '转案率', '达标']);
    const key = KEY_FIELD[groupBy];
    expect(
      lines.map(([k, name, complaints, converted, cases, rate, met]) => ({
        [key]: k === '' ? null : k, name, complaints: Number(complaints), converted: Number(converted), cases: Number(cases), rate: rate === '' ? null : Number(rate), met: met === '是',
      })),
    ).toEqual(json.rows);
  });

  it('documents every query parameter in the OpenAPI document', async () => {
    const doc = (await http().get('/api/docs/openapi.json')).body;
    const get = doc.paths['/api/v1/metrics/complaint-to-case'].get;
    expect(get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cutoff', 'format', 'from', 'groupBy', 'numerator', 'scope', 'to', 'unit']);
  });

  it('accepts a period of 366 days', async () => {
    expect((await http().get('/api/v1/metrics/complaint-to-case?from=2024-01-01&to=2024-12-31')).status).toBe(200);
  });

  it.each([
    ['a month 13', 'from=2024-13-01', ['from']],
    ['a day that does not exist', 'from=2024-02-30&to=2024-03-31', ['from']],
    ['a date in another shape', 'to=2024/03/31', ['to']],
    ['from after to', 'from=2024-03-10&to=2024-03-01', ['to']],
    ['367 days', 'from=2024-01-01&to=2025-01-01', ['to']],
    ['an unknown grouping', 'groupBy=street', ['groupBy']],
    ['a grouping given twice', 'groupBy=week&groupBy=district', ['groupBy']],
    ['an unknown unit', 'unit=case', ['unit']],
    ['an unknown scope', 'scope=city', ['scope']],
    ['an unknown numerator', 'numerator=closed', ['numerator']],
    ['an unknown format', 'format=xlsx', ['format']],
    ['a cutoff without an offset', 'cutoff=2024-04-25T12:00:00', ['cutoff']],
    ['a cutoff that is no time', 'cutoff=yesterday', ['cutoff']],
    ['an unknown parameter', 'area=HS01', ['area']],
    ['several at once', 'from=2024-03-01&to=2024-02-01&unit=x&groupBy=y', ['groupBy', 'to', 'unit']],
  ])('answers 400 for %s', async (_, query, fields) => {
    const res = await http().get(`/api/v1/metrics/complaint-to-case?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(fields);
  });

  it('explains a bad period in Chinese', async () => {
    const after = await http().get('/api/v1/metrics/complaint-to-case?from=2024-03-10&to=2024-03-01');
    expect(after.body.errors).toEqual([{ field: 'to', messages: ['to 不得早于 from'] }]);
    const long = await http().get('/api/v1/metrics/complaint-to-case?from=2024-01-01&to=2025-01-01');
    expect(long.body.errors).toEqual([{ field: 'to', messages: ['统计期最长 366 天'] }]);
    const day = await http().get('/api/v1/metrics/complaint-to-case?from=2024-02-30');
    expect(day.body.errors).toEqual([{ field: 'from', messages: ['from 须为存在的日期，格式 YYYY-MM-DD（北京时间）'] }]);
  });

  // Last: it writes records through the service, which the recounts above do not expect.
  it("keeps each day's cells and recounts the days that writes through the service marked", async () => {
    const query = { from: '2024-03-01', to: '2024-04-30', groupBy: 'week', unit: 'issue', scope: 'all', numerator: 'filed' };
    const rowsOf = (body: Report) => body.rows.map((r) => ({ key: r['week'], complaints: r.complaints, converted: r.converted, cases: r.cases, rate: r.rate, met: r.met }));
    const checkAgainst = async (records: Gen[]) => {
      const body = await report(new URLSearchParams(query).toString());
      expect(rowsOf(body)).toEqual(recount(records, { ...query, cutoff: body.period.cutoff }).rows);
      return body;
    };
    const kept = app.get<Model<MetricDay>>(getModelToken(MetricDay.name));
    const records = app.get(ComplaintRecordRepository);
    const now = [...data];

    // two requests that find the same days stale share one recount
    await kept.deleteMany({});
    const repository = app.get(MetricsRepository);
    const read = repository.recordsFor.bind(repository);
    // the recount is held for half a second, so the second request surely finds it under way
    const reads = jest.spyOn(repository, 'recordsFor').mockImplementation(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return read(...args);
    });
    const [a, b] = await Promise.all([report(new URLSearchParams(query).toString()), report(new URLSearchParams(query).toString())]);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(b.rows).toEqual(a.rows);
    reads.mockRestore();

    const first = await checkAgainst(now);
    expect(await kept.countDocuments({ _id: { $in: daysOf({ from: query.from, to: query.to }) } })).toBe(61);
    const again = await checkAgainst(now);
    expect(again.totals).toEqual(first.totals);

    // a repeat in late April, with a case filed, converts its March incident: the incident's day is marked
    const quiet = data.find((g) => !g.repeatOf && g.inScope && !g.legacy && localDate(g.receivedAt).startsWith('2024-03') && !data.some((x) => (x.id === g.id || x.repeatOf === g.id) && x.caseId));
    if (!quiet) throw new Error('the generated month has no incident without a case');
    const late: Gen = { ...quiet, id: `${quiet.id}-LATE`, repeatOf: quiet.id, receivedAt: new Date('2024-04-28T09:00:00+08:00'), caseId: 'CASE-LATE', caseFiledAt: new Date('2024-04-29T09:00:00+08:00'), caseFilingVoid: false, simpleProcedure: false, decidedAt: new Date('2024-04-28T09:05:00+08:00') };
    await records.insertIfAbsent(toStored(late) as never, []);
    now.push(late);
    const converted = await checkAgainst(now);
    expect(converted.totals.converted).toBe(Number(first.totals.converted) + 1);

    // the first report of an incident known only by its repeats arrives: the incident moves to the root's day
    const orphan = data.find((g) => g.id === 'ORPHAN-0-0');
    if (!orphan) throw new Error('no orphan generated');
    const root: Gen = { ...orphan, id: 'LOST-0', repeatOf: null, receivedAt: new Date('2024-04-20T09:00:00+08:00'), caseId: null, caseFiledAt: null, caseFilingVoid: false, simpleProcedure: false };
    await records.insertIfAbsent(toStored(root) as never, []);
    now.push(root);
    await checkAgainst(now);

    // a filing revoked through the service no longer counts
    const filed = now.find((g) => g.caseFiledAt && !g.caseFilingVoid && !g.legacy && localDate(g.receivedAt).startsWith('2024-03'));
    if (!filed) throw new Error('no filing generated');
    await records.update(filed.id, () => ({ set: { caseFilingVoid: true } }));
    now.splice(now.indexOf(filed), 1, { ...filed, caseFilingVoid: true });
    await checkAgainst(now);
  });
});
