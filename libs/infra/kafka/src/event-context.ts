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

/** A handler of `P`: the validated payload first; `@Ctx()` and the like may follow. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parameters after the payload are the handler's own
type EventHandler<P> = (payload: P, ...rest: any[]) => unknown;

/**
 * `@ConsumesEvent(TOPICS.complaintClassified)`: the method handles that
 * topic's events. The handler's payload parameter is checked against the
 * contract's payload class at compile time: a handler of another topic's
 * payload does not compile. (Named apart from `@nestjs/event-emitter`'s
 * in-process `@OnEvent`.)
 */
export function ConsumesEvent<P extends object>(topic: TopicContract<P>) {
  return <H extends EventHandler<P>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<H>): void => {
    EventPattern(topic.name)(target, key, descriptor);
  };
}
