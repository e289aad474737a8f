import type { OutgoingEnvelope } from '@pipeline/kafka';
import { outboxOnInsert, outboxOnUpdate, outgoingOf } from './outbox';

const envelope = { eventId: 'e-1', type: 'complaint.received', version: 1, occurredAt: '2026-01-01T00:00:00.000Z', producer: 'complaint-intake', correlationId: 'c-1', key: 'c-1', payload: {} };
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('outbox entries and trace context', () => {
  it('keep the context an event was created in until the relay publishes it', () => {
    const event: OutgoingEnvelope = { topic: 'complaints.received.v1', envelope, trace: { traceparent: TRACEPARENT, tracestate: 'vendor=a1' } };
    const [entry] = outboxOnInsert([event]).outbox;
    expect(entry).toMatchObject({ traceparent: TRACEPARENT, tracestate: 'vendor=a1' });
    expect(outgoingOf(entry)).toEqual(event);
    expect(outboxOnUpdate([event]).$push.outbox.$each[0].traceparent).toBe(TRACEPARENT);
  });

  it('hold no trace fields for an event created with tracing off, nor give any back', () => {
    const [entry] = outboxOnInsert([{ topic: 'complaints.received.v1', envelope }]).outbox;
    expect(Object.keys(entry).sort()).toEqual(['createdAt', 'envelope', 'eventId', 'topic']);
    expect(outgoingOf(entry)).toEqual({ topic: 'complaints.received.v1', envelope });
  });
});
