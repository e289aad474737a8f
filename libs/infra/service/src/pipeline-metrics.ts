import { Injectable, Optional } from '@nestjs/common';
import { METRICS } from '@pipeline/contracts';
import { ConsumerStatus, type TopicCounters } from '@pipeline/kafka';
import { OutboxRelay } from '@pipeline/mongo';
import { ServiceMetrics } from '@pipeline/observability';

/**
 * The consumer's and the outbox relay's figures, read on each scrape from
 * what they already keep in memory (ConsumerStatus, OutboxRelay.backlog):
 * no store or broker request per scrape, and the transport and the relay
 * need not know Prometheus.
 */
@Injectable()
export class PipelineMetrics {
  constructor(metrics: ServiceMetrics, @Optional() consumer?: ConsumerStatus, @Optional() outbox?: OutboxRelay) {
    if (consumer) {
      this.topicCounter(metrics, METRICS.eventsConsumed, consumer, 'consumed');
      this.topicCounter(metrics, METRICS.eventsFailed, consumer, 'failedAttempts');
      this.topicCounter(metrics, METRICS.eventsDeadLettered, consumer, 'deadLettered');
      this.topicCounter(metrics, METRICS.eventsSkipped, consumer, 'skippedDuplicates');
      metrics.gauge(METRICS.consumerLag, (gauge) => {
        gauge.reset();
        for (const [topic, partitions] of consumer.lag) {
          for (const [partition, lag] of partitions) gauge.set({ topic, partition: String(partition) }, lag);
        }
      });
    }
    if (outbox) metrics.gauge(METRICS.outboxBacklog, (gauge) => gauge.set(outbox.backlog));
  }

  /** A counter mirroring one of ConsumerStatus's per-topic totals (they only grow while the process lives). */
  private topicCounter(metrics: ServiceMetrics, spec: typeof METRICS.eventsConsumed, consumer: ConsumerStatus, field: keyof TopicCounters): void {
    metrics.counter(spec, (counter) => {
      counter.reset();
      for (const [topic, counters] of consumer.topics) counter.inc({ topic }, counters[field]);
    });
  }
}
