import type { LoggerService } from '@nestjs/common';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { HEADERS, deadLetterTopicName, physicalTopicName } from '@pipeline/contracts';
import { markDeadLettered } from '@pipeline/observability';
import type { EventPublisher } from './event-publisher';

/**
 * Writes a message the consumer gives up on to `<topic>.dlq`: the original
 * key, bytes and headers, plus why, where it came from and when, so a person
 * can read it and replay it.
 */
export class DeadLetterWriter {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly groupId: string,
    private readonly topicPrefix: string,
    private readonly logger: LoggerService,
  ) {}

  async write(topic: string, partition: number, message: KafkaMessage, reason: string): Promise<void> {
    this.logger.warn(`事件转入死信主题 ${deadLetterTopicName(topic)}：${reason}`);
    markDeadLettered(reason);
    const headers: IHeaders = {
      ...message.headers,
      [HEADERS.dlqReason]: reason.slice(0, 2000),
      [HEADERS.dlqOriginalTopic]: topic,
      [HEADERS.dlqOriginalPartition]: String(partition),
      [HEADERS.dlqOriginalOffset]: message.offset,
      [HEADERS.dlqConsumerGroup]: this.groupId,
      [HEADERS.dlqFailedAt]: new Date().toISOString(),
    };
    await this.publisher.sendRaw([
      { topic: physicalTopicName(deadLetterTopicName(topic), this.topicPrefix), messages: [{ key: message.key, value: message.value, headers }] },
    ]);
  }
}
