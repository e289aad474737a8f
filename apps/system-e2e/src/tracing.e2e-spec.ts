import { readFileSync } from 'node:fs';
import { OTLP_SPAN_KIND, OtlpReceiver, RunningSystem, eventually, testInfra, testNamespace, testToken, type ReceivedSpan } from '@pipeline/testing';

/**
 * Tracing across real processes: every service exports to a small OTLP
 * receiver, a complaint filed through the gateway becomes a case, and the
 * spans of all four hops form one trace whose parent links follow the
 * request, the proxy, the outbox, Kafka and each consumer in turn.
 */
describe('one trace from the HTTP request through Kafka to the case', () => {
  const ns = testNamespace('trace');
  const infra = testInfra();
  const auth = { authorization: `Bearer ${testToken()}` };
  let receiver: OtlpReceiver;
  let system: RunningSystem;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    system = await RunningSystem.start(ns, infra, {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '200' },
    });
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await receiver?.stop();
  });

  it('links gateway, complaint-intake, classification and enforcement-case spans in one trace', async () => {
    // 中山路步行街 (HS01), street vending: enforceable, so a case is opened
    const filed = await fetch(`${system.baseUrl}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ channel: 'hotline', text: '中山路步行街有流动摊贩占道经营，推车摆满人行道', location: { lat: 36.069, lng: 120.3205 } }),
    });
    expect(filed.status).toBe(202);
    const { id } = (await filed.json()) as { id: string };
    await eventually(async () => {
      const res = await fetch(`${system.baseUrl}/api/v1/cases?hotspotAreaId=HS01`, { headers: auth });
      const { items } = (await res.json()) as { items: { complaintIds: string[] }[] };
      expect(items.filter((c) => c.complaintIds.includes(id))).toHaveLength(1);
    }, { timeoutMs: 60_000, intervalMs: 250 });

    const hops = await eventually(() => {
      const intake = receiver.spans.filter((s) => s.service === 'complaint-intake' && s.kind === OTLP_SPAN_KIND.server && s.attributes['url.path'] === '/api/v1/complaints');
      expect(intake).toHaveLength(1);
      const inTrace = receiver.spans.filter((s) => s.traceId === intake[0].traceId);
      const one = (service: string, name: string): ReceivedSpan => {
        const found = inTrace.filter((s) => s.service === service && s.name === name);
        expect({ service, name, found: found.length }).toEqual({ service, name, found: 1 });
        return found[0];
      };
      return {
        gatewayServer: one('gateway', 'POST'),
        gatewayProxy: one('gateway', 'POST complaint-intake'),
        intakeServer: one('complaint-intake', 'POST /api/v1/complaints'),
        received: one('complaint-intake', 'publish complaints.received.v1'),
        classifying: one('classification', 'process complaints.received.v1'),
        classified: one('classification', 'publish complaints.classified.v1'),
        deciding: one('enforcement-case', 'process complaints.classified.v1'),
        caseOpened: one('enforcement-case', 'publish cases.opened.v1'),
      };
    }, { timeoutMs: 30_000, intervalMs: 250 });

    expect(hops.gatewayServer.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(Object.values(hops).map((s) => s.traceId)).size).toBe(1);
    // each hop's parent is the one before it: request → proxy → service → outbox publish → consumer → …
    const parentOf = (span: ReceivedSpan) => Object.entries(hops).find(([, s]) => s.spanId === span.parentSpanId)?.[0] ?? span.parentSpanId ?? 'none';
    expect(Object.fromEntries(Object.entries(hops).map(([name, span]) => [name, parentOf(span)]))).toEqual({
      gatewayServer: 'none',
      gatewayProxy: 'gatewayServer',
      intakeServer: 'gatewayProxy',
      received: 'intakeServer',
      classifying: 'received',
      classified: 'classifying',
      deciding: 'classified',
      caseOpened: 'deciding',
    });
    expect(Object.fromEntries(Object.entries(hops).map(([name, span]) => [name, span.kind]))).toMatchObject({
      gatewayServer: OTLP_SPAN_KIND.server,
      gatewayProxy: OTLP_SPAN_KIND.client,
      received: OTLP_SPAN_KIND.producer,
      classifying: OTLP_SPAN_KIND.consumer,
      deciding: OTLP_SPAN_KIND.consumer,
      caseOpened: OTLP_SPAN_KIND.producer,
    });
    expect(hops.deciding.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'complaints.classified.v1',
      'messaging.consumer.group.name': system.consumerGroup('enforcement-case'),
      'messaging.kafka.message.key': id,
      'pipeline.event.type': 'complaint.classified',
      'pipeline.event.outcome': 'processed',
    });
    expect(hops.deciding.attributes['messaging.kafka.offset']).toEqual(expect.any(Number));
    expect(hops.intakeServer.attributes['http.response.status_code']).toBe(202);

    // the log lines written while handling the request name the trace
    const intakeLog = readFileSync(system.service('complaint-intake').logFile, 'utf8');
    expect(intakeLog).toContain(`"trace_id":"${hops.intakeServer.traceId}"`);
  });
});
