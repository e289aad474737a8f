import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, consumerGroupName, physicalTopicName } from '@pipeline/contracts';
import { RunningSystem, eventually, testInfra, testNamespace, testToken, type ServiceName } from '@pipeline/testing';

type LogLine = { level: string; time: string; service: string; msg?: string; context?: string; correlationId?: string; topic?: string; req?: { method: string; url: string } };

/**
 * What operations rely on, on the real processes: health endpoints, JSON logs
 * in which one complaint is followed across services by its correlation id,
 * and a SIGTERM that drains, commits and exits 0.
 */
describe('operations: health, logs and shutdown of the running system', () => {
  const ns = testNamespace('ops');
  const infra = testInfra();
  const backends: Exclude<ServiceName, 'gateway'>[] = ['complaint-intake', 'classification', 'enforcement-case', 'property-evaluation'];
  let system: RunningSystem;

  const logOf = (name: ServiceName): LogLine[] =>
    readFileSync(system.service(name).logFile, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);

  beforeAll(async () => {
    system = await RunningSystem.start(ns, infra);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('answers /health/live and /health/ready on every service and the gateway, without a token', async () => {
    for (const name of [...backends, 'gateway'] as ServiceName[]) {
      const live = await fetch(`${system.service(name).url}/health/live`);
      expect({ name, status: live.status }).toEqual({ name, status: 200 });
      const ready = await fetch(`${system.service(name).url}/health/ready`);
      const body = (await ready.json()) as { checks: Record<string, { status: string }> };
      const expected = name === 'gateway' ? ['store'] : ['broker', 'consumer', 'outbox', 'store'];
      expect({ name, status: ready.status, checks: Object.keys(body.checks).sort() }).toEqual({ name, status: 200, checks: expected });
    }
  });

  it('logs JSON lines in which one complaint is followed from the gateway and intake to the case service', async () => {
    const correlationId = `ops-follow-${randomUUID()}`;
    const res = await fetch(`${system.baseUrl}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${testToken()}`, 'x-correlation-id': correlationId },
      body: JSON.stringify({ channel: 'hotline', text: '台东三路夜市烧烤摊占道经营，油烟扰民', location: { lat: 36.069, lng: 120.3205 } }),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-correlation-id')).toBe(correlationId);

    const mine = (name: ServiceName) => logOf(name).filter((l) => l.correlationId === correlationId);
    await eventually(
      () => {
        expect(mine('gateway')).toContainEqual(expect.objectContaining({ service: 'gateway', req: { method: 'POST', url: '/api/v1/complaints' } }));
        expect(mine('complaint-intake')).toContainEqual(expect.objectContaining({ service: 'complaint-intake', req: { method: 'POST', url: '/api/v1/complaints' } }));
        expect(mine('classification')).toContainEqual(expect.objectContaining({ service: 'classification', topic: TOPICS.complaintReceived.name }));
        expect(mine('enforcement-case')).toContainEqual(expect.objectContaining({ service: 'enforcement-case', topic: TOPICS.complaintClassified.name }));
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );

    for (const name of [...backends, 'gateway'] as ServiceName[]) {
      const lines = logOf(name);
      expect(lines.length).toBeGreaterThan(0);
      const malformed = lines.filter((l) => l.service !== name || typeof l.level !== 'string' || Number.isNaN(Date.parse(l.time)));
      expect({ name, malformed }).toEqual({ name, malformed: [] });
    }
  });

  it('stops a service on SIGTERM with exit code 0, its consumer drained and every offset committed', async () => {
    const caseService = system.service('enforcement-case');
    const code = await caseService.stop('SIGTERM');
    expect(code).toBe(0);
    const messages = logOf('enforcement-case').map((l) => l.msg ?? '');
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('收到 SIGTERM'), expect.stringContaining('消费者已停止')]));

    // everything the case service had read is committed: its group stands at the end of the topic
    const admin = new Kafka({ clientId: 'ops-e2e', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topic = physicalTopicName(TOPICS.complaintClassified.name, ns);
      const ends = await admin.fetchTopicOffsets(topic);
      const [group] = await admin.fetchOffsets({ groupId: consumerGroupName('enforcement-case', ns), topics: [topic] });
      const behind = ends.filter((end) => {
        const committed = group.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        return end.high !== '0' && committed !== end.high;
      });
      expect(behind).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });
});
