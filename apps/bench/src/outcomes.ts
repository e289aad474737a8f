import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { TOPICS, physicalTopicName } from '@pipeline/contracts';

/** When each stage of one complaint was published (the producer's timestamp on the message). */
export interface Outcome {
  classifiedAt?: number;
  decidedAt?: number;
  caseOpenedAt?: number;
}

/**
 * Follows the pipeline from the outside: a consumer group of its own reads
 * the classified, outcome-decided and case-opened topics and notes, per
 * complaint, when each was published. An event is published by the outbox
 * right after its write, so these are the times each outcome was stored.
 */
export class OutcomeTracker {
  readonly outcomes = new Map<string, Outcome>();
  private consumer: Consumer | null = null;

  constructor(
    private readonly brokers: string[],
    private readonly prefix: string,
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({ clientId: 'bench-outcomes', brokers: this.brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `${this.prefix}.bench-outcomes`, maxWaitTimeInMs: 50 });
    this.consumer = consumer;
    const topic = (name: string) => physicalTopicName(name, this.prefix);
    const stage: Record<string, keyof Outcome> = {
      [topic(TOPICS.complaintClassified.name)]: 'classifiedAt',
      [topic(TOPICS.complaintOutcomeDecided.name)]: 'decidedAt',
      [topic(TOPICS.caseOpened.name)]: 'caseOpenedAt',
    };
    await consumer.connect();
    await consumer.subscribe({ topics: Object.keys(stage), fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        const field = stage[batch.topic];
        for (const m of batch.messages) {
          const at = Number(m.timestamp);
          const payload = (JSON.parse(m.value?.toString('utf8') ?? '{}') as { payload?: { complaintId?: string; complaintIds?: string[] } }).payload ?? {};
          for (const id of payload.complaintIds ?? (payload.complaintId ? [payload.complaintId] : [])) {
            const o = this.outcomes.get(id) ?? {};
            // the first publication counts: a repeat from the at-least-once outbox is not a later outcome
            o[field] ??= at;
            this.outcomes.set(id, o);
          }
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
