import { EventPattern } from '@nestjs/microservices';
import { BaseRpcContext } from '@nestjs/microservices/ctx-host/base-rpc.context';
import type { EventEnvelope, TopicContract } from '@pipeline/contracts';

type EventContextArgs = [envelope: EventEnvelope<unknown>, topic: string, partition: number, offset: string, heartbeat: () => Promise<void>];

/** What a handler knows about the event beside its payload (`@Ctx()`). */
export class EventContext extends BaseRpcContext<EventContextArgs> {
  get envelope(): EventEnvelope<unknown> {
    return this.args[0];
  }
  get topic(): string {
    return this.args[1];
  }
  get partition(): number {
    return this.args[2];
  }
  get offset(): string {
    return this.args[3];
  }
  /** Long handlers call this so the group does not think the consumer died. */
  heartbeat(): Promise<void> {
    return this.args[4]();
  }
}

/** `@OnEvent(TOPICS.complaintClassified)`: a handler for one topic contract. */
export const OnEvent = (topic: TopicContract): MethodDecorator => EventPattern(topic.name);
