import { createEnvelope, derivedEventId, parseEnvelope } from './envelope';
import { ComplaintClassifiedV1 } from './events/complaints';
import { ALL_TOPICS, TOPICS, consumerGroupName, deadLetterTopicName, findTopicContract, physicalTopicName } from './topics';
import { validatePlain } from './validation';

const received = {
  complaintId: 'c-1',
  channel: 'hotline',
  text: '路口有流动摊贩占道经营',
  reportedAt: '2024-03-02T08:18:00+08:00',
  receivedAt: '2024-03-02T08:19:00.000Z',
};

describe('createEnvelope', () => {
  it('fills id, time and correlation, and keeps the payload untouched', () => {
    const e = createEnvelope({ type: 'complaint.received', version: 1, producer: 'complaint-intake', key: 'c-1', payload: received });
    expect(e.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.correlationId).toBe(e.eventId);
    expect(new Date(e.occurredAt).toISOString()).toBe(e.occurredAt);
    expect(e.payload).toBe(received);
  });

  it('carries the correlation and causation it is given', () => {
    const e = createEnvelope({ type: 'complaint.classified', version: 1, producer: 'classification', key: 'c-1', payload: {}, correlationId: 'corr-123456', causationId: 'ev-1' });
    expect(e).toMatchObject({ correlationId: 'corr-123456', causationId: 'ev-1' });
  });
});

describe('parseEnvelope', () => {
  const valid = () => createEnvelope({ type: 'complaint.received', version: 1, producer: 'complaint-intake', key: 'c-1', payload: received });

  it('accepts a valid envelope from bytes', () => {
    const r = parseEnvelope(Buffer.from(JSON.stringify(valid())));
    expect(r.ok).toBe(true);
  });

  it.each([
    ['null value', null, /^EMPTY_MESSAGE/],
    ['empty value', Buffer.alloc(0), /^EMPTY_MESSAGE/],
    ['invalid JSON', Buffer.from('{"eventId":'), /^INVALID_JSON/],
    ['a JSON array', Buffer.from('[1,2]'), /^INVALID_ENVELOPE/],
  ])('rejects %s', (_name, raw, reason) => {
    const r = parseEnvelope(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each([
    ['eventId', { eventId: 'not-a-uuid' }],
    ['type', { type: 'ComplaintReceived' }],
    ['version', { version: 0 }],
    ['occurredAt', { occurredAt: 'yesterday' }],
    ['payload', { payload: 'text' }],
    ['key', { key: '' }],
  ])('names the bad field %s', (field, override) => {
    const r = parseEnvelope(JSON.stringify({ ...valid(), ...override }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors?.map((e) => e.field)).toContain(field);
  });
});

describe('payload validation', () => {
  const classified = {
    complaintId: 'c-1', category: 'street_order', enforceable: true, urgent: false,
    confidence: { category: 0.9, enforceable: 0.8, urgent: 0.95 },
    hotspotAreaId: 'HS01', communityId: null, district: '市南区', repeatOf: null,
    responsibleBody: 'district_enforcement_squad', needsReview: false, modelVersion: 'lexicon-0.1',
    channel: 'hotline', reportedAt: '2024-03-02T08:18:00+08:00', receivedAt: '2024-03-02T08:19:00.000Z',
  };

  it('accepts a valid payload and returns an instance of the class', () => {
    const r = validatePlain(ComplaintClassifiedV1, classified);
    expect(r.ok && r.value).toBeInstanceOf(ComplaintClassifiedV1);
  });

  it('rejects unknown categories, malformed area ids and out-of-range confidence, naming nested fields', () => {
    const r = validatePlain(ComplaintClassifiedV1, { ...classified, category: 'parking', hotspotAreaId: 'H1', confidence: { ...classified.confidence, urgent: 1.5 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['category', 'confidence.urgent', 'hotspotAreaId']);
  });
});

describe('topics', () => {
  it('name every topic <entity>.<fact>.v<n>, with a matching event type', () => {
    for (const t of ALL_TOPICS) {
      expect(t.name).toMatch(/^[a-z]+\.[a-z-]+\.v\d+$/);
      expect(t.name.endsWith(`.v${t.version}`)).toBe(true);
      expect(t.type.split('.')[1]).toBe(t.name.split('.')[1]);
    }
    expect(new Set(ALL_TOPICS.map((t) => t.name)).size).toBe(ALL_TOPICS.length);
  });

  it('derive dead-letter, prefixed and group names', () => {
    expect(deadLetterTopicName('complaints.received.v1')).toBe('complaints.received.v1.dlq');
    expect(physicalTopicName('complaints.received.v1')).toBe('complaints.received.v1');
    expect(physicalTopicName('complaints.received.v1', 't-x')).toBe('t-x.complaints.received.v1');
    expect(consumerGroupName('classification', 't-x')).toBe('t-x.classification');
    expect(findTopicContract('complaints.classified.v1')).toBe(TOPICS.complaintClassified);
    expect(findTopicContract('complaints.classified.v9')).toBeUndefined();
  });

  it('derive the same event id from the same cause, and different ids from different ones', () => {
    expect(derivedEventId('ev-1', 'cases.opened.v1')).toBe(derivedEventId('ev-1', 'cases.opened.v1'));
    expect(derivedEventId('ev-1', 'cases.opened.v1')).not.toBe(derivedEventId('ev-2', 'cases.opened.v1'));
    expect(derivedEventId('ev-1', 'cases.opened.v1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);
  });
});
