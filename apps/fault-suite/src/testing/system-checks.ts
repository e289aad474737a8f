import type { MongoClient } from 'mongodb';
import { ALL_TOPICS, TOPICS, deadLetterTopicName, physicalTopicName } from '@pipeline/contracts';
import { authHeaders } from '@pipeline/testing';
import type { KafkaProbe, RawMessage } from './kafka-probe';
import { recountComplaintToCase, shanghaiDate, type Numerator, type StoredComplaintRecord } from './metric-recount';

export type ConsumingService = 'complaint-intake' | 'classification' | 'enforcement-case' | 'property-evaluation';

/** What the checks read: each service's database, the broker, the consumer groups, the gateway. */
export interface SystemUnderTest {
  mongo: MongoClient;
  probe: KafkaProbe;
  prefix: string;
  gatewayUrl: string;
  databases: Record<ConsumingService, string>;
  serviceUrls: Record<ConsumingService, string>;
  /** Each service's consumer group and the (physical) topics it subscribes to. */
  groups: Record<ConsumingService, { groupId: string; topics: string[] }>;
}

export interface CatchUp {
  done: boolean;
  /** What is still outstanding, in words, for the failure message. */
  waiting: string[];
}

export interface Verdict {
  /** Accepted complaints missing from a stage (never stored, classified, decided, or dead-lettered). */
  lost: string[];
  /** Accepted complaints that some stage holds more than once. */
  duplicated: string[];
  /** Every finding, in words (the first few are enough to debug). */
  findings: string[];
  metric: { equal: boolean; differences: string[] };
}

const idsOf = async (sut: SystemUnderTest, service: ConsumingService, collection: string, projection: Record<string, 1> = {}) =>
  sut.mongo.db(sut.databases[service]).collection<{ _id: string }>(collection).find({}, { projection }).toArray();

/** Events a service's outbox relay saw waiting in its last pass (its readiness answer: no extra reads for the store). */
async function outboxBacklog(url: string): Promise<number | null> {
  try {
    const res = await fetch(`${url}/health/ready`, { headers: await authHeaders(), signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { checks?: { outbox?: { backlog?: number } } };
    return body.checks?.outbox?.backlog ?? 0;
  } catch {
    return null;
  }
}

/**
 * Cheap enough to poll, cheapest first (FerretDB's SQLite backend scans a
 * whole collection for any filter but _id, so the store is read last): every
 * consumer group at the end of its topics; no outbox holding events; every
 * accepted complaint stored, classified, decided and its outcome back at
 * intake.
 */
export async function catchUp(sut: SystemUnderTest, accepted: string[]): Promise<CatchUp> {
  const waiting: string[] = [];
  for (const [service, g] of Object.entries(sut.groups)) {
    const lag = await sut.probe.lag(g.groupId, g.topics);
    if (lag) waiting.push(`${service}: lag ${lag}`);
  }
  for (const [service, url] of Object.entries(sut.serviceUrls)) {
    const backlog = await outboxBacklog(url);
    if (backlog !== 0) waiting.push(`${service}: ${backlog === null ? 'not answering' : `${backlog} outbox documents pending`}`);
  }
  if (waiting.length) return { done: false, waiting };

  const complaints = new Map((await idsOf(sut, 'complaint-intake', 'complaints', { _id: 1, outcome: 1 })).map((d) => [d._id, d as { _id: string; outcome?: unknown }]));
  const classified = new Set((await idsOf(sut, 'classification', 'classifications', { _id: 1 })).map((d) => d._id));
  const decided = new Set((await idsOf(sut, 'enforcement-case', 'complaint_records', { _id: 1 })).map((d) => d._id));
  const count = (f: (id: string) => boolean) => accepted.filter(f).length;
  const stages: [string, number][] = [
    ['not stored by intake', count((id) => !complaints.has(id))],
    ['not classified', count((id) => !classified.has(id))],
    ['not decided by enforcement-case', count((id) => !decided.has(id))],
    ['outcome not back at intake', count((id) => !complaints.get(id)?.outcome)],
  ];
  for (const [what, n] of stages) if (n) waiting.push(`${n} ${what}`);
  return { done: waiting.length === 0, waiting };
}

/** Distinct event ids per message key: the outbox publishes at least once, so a count of events is a count of ids. */
function eventsPerKey(messages: RawMessage[]): Map<string, Set<string>> {
  const byKey = new Map<string, Set<string>>();
  for (const m of messages) {
    if (!m.key || !m.value) continue;
    let eventId: string | undefined;
    try {
      eventId = (JSON.parse(m.value.toString('utf8')) as { eventId?: string }).eventId;
    } catch {
      continue;
    }
    if (!eventId) continue;
    const ids = byKey.get(m.key) ?? new Set<string>();
    ids.add(eventId);
    byKey.set(m.key, ids);
  }
  return byKey;
}

type MetricRow = { hotspotAreaId: string | null; complaints: number; converted: number; cases: number };

/** The metric through the gateway against a recount of the case service's stored records, for both numerators. */
async function compareMetric(sut: SystemUnderTest): Promise<{ equal: boolean; differences: string[] }> {
  const now = Date.now();
  const from = shanghaiDate(now - 86_400_000);
  const to = shanghaiDate(now + 86_400_000);
  const cutoff = new Date(now);
  const records = await sut.mongo
    .db(sut.databases['enforcement-case'])
    .collection<StoredComplaintRecord>('complaint_records')
    .find({}, { projection: { outbox: 0 } })
    .toArray();
  const differences: string[] = [];
  for (const numerator of ['filed', 'opened'] as Numerator[]) {
    const query = new URLSearchParams({ from, to, cutoff: cutoff.toISOString(), numerator, groupBy: 'hotspotArea' });
    const res = await fetch(`${sut.gatewayUrl}/api/v1/metrics/complaint-to-case?${query}`, { headers: await authHeaders() });
    if (res.status !== 200) {
      differences.push(`${numerator}: metric answered ${res.status}`);
      continue;
    }
    const report = (await res.json()) as { rows: MetricRow[]; totals: Omit<MetricRow, 'hotspotAreaId'> };
    const recount = recountComplaintToCase(records, { from, to, cutoff, numerator });
    for (const row of report.rows) {
      const mine = row.hotspotAreaId ? recount.areas.get(row.hotspotAreaId) : undefined;
      const expected = mine ?? { complaints: 0, converted: 0, cases: 0 };
      if (row.complaints !== expected.complaints || row.converted !== expected.converted || row.cases !== expected.cases) {
        differences.push(`${numerator} ${row.hotspotAreaId ?? '(none)'}: metric ${row.complaints}/${row.converted}/${row.cases}, recount ${expected.complaints}/${expected.converted}/${expected.cases}`);
      }
    }
    const t = report.totals;
    if (t.complaints !== recount.totals.complaints || t.converted !== recount.totals.converted || t.cases !== recount.totals.cases) {
      differences.push(`${numerator} totals: metric ${t.complaints}/${t.converted}/${t.cases}, recount ${recount.totals.complaints}/${recount.totals.converted}/${recount.totals.cases}`);
    }
    if (report.rows.filter((r) => r.hotspotAreaId).length !== recount.areas.size) differences.push(`${numerator}: ${report.rows.length} rows for ${recount.areas.size} areas`);
  }
  return { equal: differences.length === 0, differences };
}

/**
 * The whole account, once caught up: every accepted complaint exists once at
 * intake with one received event, is classified once (store and topic), is
 * decided once, sits in exactly one case when its outcome is a case and in
 * none otherwise, never reached a dead-letter topic; and the metric equals a
 * recount of the stored records.
 */
export async function verify(sut: SystemUnderTest, accepted: string[]): Promise<Verdict> {
  const topic = (name: string) => physicalTopicName(name, sut.prefix);
  const intake = new Set((await idsOf(sut, 'complaint-intake', 'complaints', { _id: 1 })).map((d) => d._id));
  const classifications = new Set((await idsOf(sut, 'classification', 'classifications', { _id: 1 })).map((d) => d._id));
  const records = new Map(
    (await idsOf(sut, 'enforcement-case', 'complaint_records', { _id: 1, outcome: 1, caseId: 1 })).map((d) => [d._id, d as unknown as { outcome: string; caseId: string | null }]),
  );
  const casesOf = new Map<string, string[]>();
  for (const c of (await idsOf(sut, 'enforcement-case', 'cases', { _id: 1, complaintIds: 1 })) as unknown as { _id: string; complaintIds: string[] }[]) {
    for (const id of c.complaintIds) casesOf.set(id, [...(casesOf.get(id) ?? []), c._id]);
  }

  const read = await sut.probe.read([TOPICS.complaintReceived.name, TOPICS.complaintClassified.name, TOPICS.complaintOutcomeDecided.name].map(topic));
  const on = (name: string) => eventsPerKey(read.filter((m) => m.topic === topic(name)));
  const received = on(TOPICS.complaintReceived.name);
  const classified = on(TOPICS.complaintClassified.name);
  const outcomes = on(TOPICS.complaintOutcomeDecided.name);
  const deadLetters = await sut.probe.read(ALL_TOPICS.map((t) => topic(deadLetterTopicName(t.name))));
  const deadKeys = new Set(deadLetters.map((m) => m.key));

  const lost = new Set<string>();
  const duplicated = new Set<string>();
  const findings: string[] = [];
  const note = (set: Set<string>, id: string, what: string) => {
    set.add(id);
    findings.push(`${id}: ${what}`);
  };
  for (const id of accepted) {
    const record = records.get(id);
    const cases = casesOf.get(id) ?? [];
    if (!intake.has(id)) note(lost, id, 'not stored by intake');
    if (!received.get(id)?.size) note(lost, id, 'no complaints.received event');
    if ((received.get(id)?.size ?? 0) > 1) note(duplicated, id, `${received.get(id)?.size} complaints.received events`);
    if (!classifications.has(id)) note(lost, id, 'no stored classification');
    if (!classified.get(id)?.size) note(lost, id, 'no complaints.classified event');
    if ((classified.get(id)?.size ?? 0) > 1) note(duplicated, id, `${classified.get(id)?.size} complaints.classified events`);
    if (!record) note(lost, id, 'no complaint record at enforcement-case');
    if (!outcomes.get(id)?.size) note(lost, id, 'no complaints.outcome-decided event');
    if ((outcomes.get(id)?.size ?? 0) > 1) note(duplicated, id, `${outcomes.get(id)?.size} complaints.outcome-decided events`);
    if (record?.outcome === 'case' && cases.length === 0) note(lost, id, `outcome case but in no case (${record.caseId})`);
    if (cases.length > 1) note(duplicated, id, `in ${cases.length} cases: ${cases.join(', ')}`);
    if (cases.length === 1 && (record?.outcome !== 'case' || record.caseId !== cases[0])) note(duplicated, id, `in case ${cases[0]} but its record says ${record?.outcome}/${record?.caseId}`);
    if (deadKeys.has(id)) note(lost, id, 'an event of it was dead-lettered');
  }
  return { lost: [...lost], duplicated: [...duplicated], findings, metric: await compareMetric(sut) };
}
