import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { TOPICS, type CaseClosedV1, type ComplaintReceivedV1 } from '@pipeline/contracts';
import { ConsumesEvent, type EventContext } from './event-context';

class Handlers {
  @ConsumesEvent(TOPICS.complaintReceived)
  onReceived(_payload: ComplaintReceivedV1, _ctx: EventContext) {
    // the payload class of the topic: compiles
  }

  @ConsumesEvent(TOPICS.caseClosed)
  onClosed(_payload: CaseClosedV1) {
    // the context is optional
  }

  // a handler of another topic's payload: `npx tsc -p libs/infra/kafka` fails without the expectation
  // @ts-expect-error ComplaintReceivedV1 is not the payload of cases.closed.v1
  @ConsumesEvent(TOPICS.caseClosed)
  onWrongPayload(_payload: ComplaintReceivedV1) {
    // never subscribed in a real app
  }
}

describe('@ConsumesEvent', () => {
  it('subscribes the method to its topic by name', () => {
    const patterns = (method: keyof Handlers) => Reflect.getMetadata(PATTERN_METADATA, Handlers.prototype[method]);
    expect(patterns('onReceived')).toEqual([TOPICS.complaintReceived.name]);
    expect(patterns('onClosed')).toEqual([TOPICS.caseClosed.name]);
  });
});
