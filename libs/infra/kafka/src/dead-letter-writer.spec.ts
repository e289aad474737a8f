import type { KafkaMessage } from 'kafkajs';
import { HEADERS } from '@pipeline/contracts';
import { DeadLetterWriter } from './dead-letter-writer';
import type { EventPublisher } from './event-publisher';
import { settlesBy } from './retry';

describe('DeadLetterWriter', () => {
  it('sends the original key, bytes and headers to the prefixed .dlq topic, with why, where from and when', async () => {
    const sent: unknown[] = [];
    const publisher = { sendRaw: async (batches: unknown[]) => void sent.push(...batches) } as unknown as EventPublisher;
    const writer = new DeadLetterWriter(publisher, 'ns.case', 'ns', { log: () => undefined, warn: () => undefined, error: () => undefined });
    const message = { key: Buffer.from('c-1'), value: Buffer.from('{bad'), offset: '41', headers: { [HEADERS.correlationId]: 'corr-1' } } as unknown as KafkaMessage;

    await writer.write('complaints.received.v1', 3, message, 'x'.repeat(2500));

    expect(sent).toEqual([
      {
        topic: 'ns.complaints.received.v1.dlq',
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: expect.objectContaining({
              [HEADERS.correlationId]: 'corr-1',
              [HEADERS.dlqReason]: 'x'.repeat(2000),
              [HEADERS.dlqOriginalTopic]: 'complaints.received.v1',
              [HEADERS.dlqOriginalPartition]: '3',
              [HEADERS.dlqOriginalOffset]: '41',
              [HEADERS.dlqConsumerGroup]: 'ns.case',
              [HEADERS.dlqFailedAt]: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            }),
          },
        ],
      },
    ]);
  });
});

describe('settlesBy', () => {
  it('is true when everything settles (rejections too) before the deadline, false when the deadline comes first', async () => {
    expect(await settlesBy([], Date.now())).toBe(true);
    expect(await settlesBy([Promise.resolve(1), Promise.reject(new Error('x'))], Date.now() + 1_000)).toBe(true);
    expect(await settlesBy([new Promise(() => undefined)], Date.now() + 20)).toBe(false);
  });
});
