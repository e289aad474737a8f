import { ConsumerStatus } from '@pipeline/kafka';
import type { OutboxRelay } from '@pipeline/mongo';
import { ServiceMetrics } from '@pipeline/observability';
import { PipelineMetrics } from './pipeline-metrics';

describe('PipelineMetrics', () => {
  it('exposes the consumer counters per topic, the lag per partition and the outbox backlog as they are on each scrape', async () => {
    const metrics = new ServiceMetrics('probe');
    const consumer = new ConsumerStatus();
    const outbox = { backlog: 0 } as Pick<OutboxRelay, 'backlog'>;
    new PipelineMetrics(metrics, consumer, outbox as OutboxRelay);
    consumer.counters('complaints.received.v1');

    const before = await metrics.exposition();
    expect(before).toContain('qd_events_dead_lettered_total{topic="complaints.received.v1",service="probe"} 0\n');
    expect(before).toContain('qd_outbox_backlog_aggregates{service="probe"} 0\n');
    expect(before).not.toContain('qd_kafka_consumer_lag_messages{');

    const counters = consumer.counters('complaints.received.v1');
    counters.consumed = 7;
    counters.failedAttempts = 2;
    counters.deadLettered = 1;
    counters.skippedDuplicates = 3;
    consumer.recordLag('complaints.received.v1', 4, '120', '100');
    (outbox as { backlog: number }).backlog = 5;

    const after = await metrics.exposition();
    expect(after).toContain('qd_events_consumed_total{topic="complaints.received.v1",service="probe"} 7\n');
    expect(after).toContain('qd_events_failed_total{topic="complaints.received.v1",service="probe"} 2\n');
    expect(after).toContain('qd_events_dead_lettered_total{topic="complaints.received.v1",service="probe"} 1\n');
    expect(after).toContain('qd_events_skipped_duplicates_total{topic="complaints.received.v1",service="probe"} 3\n');
    expect(after).toContain('qd_kafka_consumer_lag_messages{topic="complaints.received.v1",partition="4",service="probe"} 20\n');
    expect(after).toContain('qd_outbox_backlog_aggregates{service="probe"} 5\n');
  });

  it('stops reporting the lag of partitions after a rebalance until they are fetched again', async () => {
    const metrics = new ServiceMetrics('probe');
    const consumer = new ConsumerStatus();
    new PipelineMetrics(metrics, consumer);
    consumer.recordLag('cases.closed.v1', 0, '10', '10');
    expect(await metrics.exposition()).toContain('qd_kafka_consumer_lag_messages{topic="cases.closed.v1",partition="0",service="probe"} 0\n');
    consumer.forgetLag();
    expect(await metrics.exposition()).not.toContain('qd_kafka_consumer_lag_messages{');
  });

  it('has no consumer or outbox series in an app without them (the gateway)', async () => {
    const metrics = new ServiceMetrics('gateway');
    new PipelineMetrics(metrics);
    const text = await metrics.exposition();
    expect(text).not.toContain('qd_events_');
    expect(text).not.toContain('qd_outbox_');
  });
});
