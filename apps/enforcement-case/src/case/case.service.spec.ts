import { Kafka, logLevel } from 'kafkajs';
import { loadChinaCalendar } from '@pipeline/calendar';
import { METRICS, TOPICS } from '@pipeline/contracts';
import { ServiceMetrics } from '@pipeline/http';
import { EventPublisher } from '@pipeline/kafka';
import type { CaseRecord, CaseRepository } from './case.repository';
import { InMemoryCases } from './case.repository.fake';
import { CaseService } from './case.service';
import { caseIdFor, type OpenCaseCommand } from './open-case.command';
import { newCaseSnapshot } from './procedure/case-state-machine';

const AT = new Date('2024-03-01T09:00:00+08:00');
const CAUSE = { eventId: 'evt-classified-1', correlationId: 'C-1' };

/** A complaint in 市南区 with no subdistrict known: every 市南区 squad may take it. */
const command = (over: Partial<OpenCaseCommand> = {}): OpenCaseCommand => ({
  complaintId: 'C-1',
  category: 'street_order',
  urgent: true,
  place: { hotspotAreaId: null, communityId: null, district: '市南区' },
  cause: CAUSE,
  at: AT,
  by: 'system',
  ...over,
});

const aCase = (id: string, squadId: string, state: CaseRecord['state']): CaseRecord => ({
  _id: id, complaintIds: [`complaint-${id}`], category: 'street_order', procedure: 'general', state, hotspotAreaId: null, communityId: null, district: '市南区',
  urgent: false, squadId, openedAt: AT, snapshot: newCaseSnapshot(AT), history: [], breachedDeadlines: [], extensions: [],
});

describe('CaseService: opening and attaching (the commands triage sends)', () => {
  const kafka = new Kafka({ clientId: 'unit', brokers: ['127.0.0.1:9'], logLevel: logLevel.NOTHING });
  const publisher = new EventPublisher(kafka, { serviceName: 'enforcement-case', brokers: [], topicPrefix: '', partitions: 1, replicationFactor: 1 });
  let cases: InMemoryCases;
  let metrics: ServiceMetrics;
  let service: CaseService;

  beforeEach(() => {
    cases = new InMemoryCases();
    metrics = new ServiceMetrics('enforcement-case');
    service = new CaseService(cases as unknown as CaseRepository, publisher, loadChinaCalendar(), metrics);
  });

  const opened = async () => (await metrics.registry.getSingleMetric(METRICS.casesOpened.name)!.get()).values.reduce((n, v) => n + v.value, 0);
  const topicsOf = (caseId: string) => (cases.events.get(caseId) ?? []).map((e) => e.topic);

  it('opens a lead whose id follows from the complaint, assigned to a squad of its district, with both events in the write', async () => {
    const caseId = await service.open(command());

    expect(caseId).toBe(caseIdFor('C-1'));
    const stored = cases.stored.get(caseId)!;
    expect(stored).toMatchObject({ state: 'LEAD', procedure: 'general', complaintIds: ['C-1'], urgent: true, district: '市南区', openedAt: AT });
    expect(stored.squadId).toMatch(/^SQ-SN-/);
    expect(topicsOf(caseId)).toEqual([TOPICS.caseOpened.name, TOPICS.caseAssigned.name]);
    const assigned = cases.events.get(caseId)![1].envelope;
    expect(assigned).toMatchObject({ causationId: CAUSE.eventId, correlationId: CAUSE.correlationId, payload: { squadId: stored.squadId, previousSquadId: null, assignedBy: 'system' } });
    expect(await opened()).toBe(1);
  });

  it('opens nothing new when asked again for the same complaint (a redelivery)', async () => {
    const first = await service.open(command());
    const again = await service.open(command({ at: new Date(AT.getTime() + 60_000) }));

    expect(again).toBe(first);
    expect(cases.stored.size).toBe(1);
    expect(cases.stored.get(first)!.openedAt).toEqual(AT);
    expect(await opened()).toBe(1);
  });

  it('assigns to the squad a dispatcher chose, with the dispatcher as the assigner', async () => {
    const caseId = await service.open(command({ by: 'dispatcher-7', squad: { squadId: 'SQ-SN-03', reason: '调度员指派' } }));

    expect(cases.stored.get(caseId)!.squadId).toBe('SQ-SN-03');
    expect(cases.events.get(caseId)![1].envelope.payload).toMatchObject({ squadId: 'SQ-SN-03', reason: '调度员指派', assignedBy: 'dispatcher-7' });
  });

  it('weighs only open cases: revoked, refused and closed ones no longer load a squad', async () => {
    // SQ-SN-01 (45 places, the most of 市南区) wins on equal loads; ended cases must not change that
    for (let i = 0; i < 60; i += 1) cases.seed(aCase(`revoked-${i}`, 'SQ-SN-01', 'FILING_REVOKED'));
    for (let i = 0; i < 60; i += 1) cases.seed(aCase(`ended-${i}`, 'SQ-SN-01', i % 2 ? 'NOT_FILED' : 'CLOSED'));

    const caseId = await service.open(command());

    expect(cases.stored.get(caseId)!.squadId).toBe('SQ-SN-01');
  });

  it('moves a new case away from a squad loaded with open cases', async () => {
    for (let i = 0; i < 60; i += 1) cases.seed(aCase(`open-${i}`, 'SQ-SN-01', 'INVESTIGATING'));

    const caseId = await service.open(command());

    expect(cases.stored.get(caseId)!.squadId).not.toBe('SQ-SN-01');
  });

  it('attaches a repeat to its incident case once, and says when there is no such case', async () => {
    const caseId = await service.open(command());

    expect(await service.attach(caseId, 'C-2')).toBe(true);
    expect(await service.attach(caseId, 'C-2')).toBe(true);
    expect(cases.stored.get(caseId)!.complaintIds).toEqual(['C-1', 'C-2']);
    expect(await service.attach('CASE-missing', 'C-3')).toBe(false);
  });
});
