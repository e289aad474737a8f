import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopicName, physicalTopicName } from '@pipeline/contracts';
import { KAFKA_CLIENT, KAFKA_OPTIONS, type KafkaModuleOptions } from './kafka.options';

/**
 * Creates every contract topic and its dead-letter topic at start-up (the
 * broker's auto-creation is off, which also avoids kafkajs' subscribe race on
 * KRaft). Every service does this, so start-up order does not matter.
 */
@Injectable()
export class TopicAdmin {
  private readonly logger = new Logger(TopicAdmin.name);

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {}

  allTopicNames(): string[] {
    return ALL_TOPICS.flatMap((t) => [t.name, deadLetterTopicName(t.name)]).map((n) => physicalTopicName(n, this.options.topicPrefix));
  }

  async ensureTopics(names = this.allTopicNames()): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = names.filter((n) => !existing.has(n));
      if (missing.length) await this.create(admin, missing);
      // also when they all exist: another service may have created them a moment ago
      await this.untilLed(admin, names);
    } finally {
      await admin.disconnect();
    }
  }

  private async create(admin: Admin, topics: string[]): Promise<void> {
    try {
      // kafkajs' own waitForLeaders does not retry "does not host this
      // topic-partition", which a fresh KRaft broker answers for a moment; untilLed does
      const created = await admin.createTopics({
        waitForLeaders: false,
        topics: topics.map((topic) => ({ topic, numPartitions: this.options.partitions, replicationFactor: this.options.replicationFactor })),
      });
      if (created) this.logger.log(`已创建主题 ${topics.length} 个`);
    } catch (err) {
      // another service may have created the same topic a moment earlier
      if (!isAlreadyExists(err)) throw err;
    }
  }

  /**
   * A KRaft broker can answer "does not host this topic-partition" for a
   * moment after creating a topic. Waiting here until the metadata shows a
   * leader for every partition keeps that race away from the first publish or
   * subscribe.
   */
  private async untilLed(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { topics: meta } = await admin.fetchTopicMetadata({ topics });
        const led = meta.length === topics.length && meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
        if (led) return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      if (Date.now() > deadline) throw new Error(`主题在 ${timeoutMs / 1000} 秒内没有全部选出 leader：${topics.join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function isAlreadyExists(err: unknown): boolean {
  const e = err as { type?: string; errors?: Array<{ type?: string }> };
  if (e.type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => x.type === 'TOPIC_ALREADY_EXISTS');
}
