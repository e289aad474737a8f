import { randomUUID } from 'node:crypto';
import { HEADERS, TOPICS, createEnvelope, findTopicContract, physicalTopicName } from '@pipeline/contracts';
import type { RawMessage } from './kafka-probe';

export type PoisonKind = 'invalid-json' | 'wrong-version' | 'unknown-type' | 'invalid-payload' | 'business-rule';

/** A poison message and the dead letters it must produce: one per consumer group named, with a reason matching. */
export interface Poison {
  topic: string;
  kind: PoisonKind;
  key: string;
  value: string;
  expect: { group: string; reason: RegExp }[];
}

const now = () => new Date().toISOString();

/**
 * Valid payloads about a complaint nobody accepted. complaint-intake rejects
 * every fact about a complaint it does not hold (PermanentEventError
 * COMPLAINT_UNKNOWN: intake stores a complaint before announcing it, so an
 * unknown id is not a timing issue). The other consumers of these topics
 * keep their own copies and accept them; enforcement-case retries a
 * correction for a complaint it has not decided (the classified event may be
 * on its way), then dead-letters it. complaints.received.v1 (classification)
 * and the topics only property-evaluation consumes have no business rule a
 * valid event can break, so they get only the malformed kinds.
 */
function unknownComplaintPayload(topic: string, complaintId: string): object | null {
  switch (topic) {
    case TOPICS.complaintClassified.name:
      return {
        complaintId, category: 'other', enforceable: false, urgent: false, confidence: { category: 0.9, enforceable: 0.9, urgent: 0.9 },
        hotspotAreaId: null, communityId: null, district: null, repeatOf: null, location: null, address: null,
        responsibleBody: 'other_competent_body', needsReview: false, modelVersion: 'fault-suite', channel: 'hotline', reportedAt: now(), receivedAt: now(),
      };
    case TOPICS.complaintClassificationCorrected.name:
      return {
        complaintId, category: 'other', enforceable: false, urgent: false, hotspotAreaId: null, communityId: null, district: null, repeatOf: null,
        responsibleBody: 'other_competent_body', previous: { category: 'other', enforceable: false, urgent: false },
        reportedAt: now(), correctedBy: 'fault-suite', reason: '故障注入：不存在的投诉', correctedAt: now(),
      };
    case TOPICS.complaintOutcomeDecided.name:
      return { complaintId, outcome: 'service_request', reason: '故障注入：不存在的投诉', caseId: null, ruleVersion: 'fault-suite', decidedAt: now() };
    case TOPICS.caseStateChanged.name:
      return { caseId: `CASE-poison-${complaintId.slice(-12)}`, complaintIds: [complaintId], from: 'LEAD', to: 'FILED', reason: null, changedAt: now() };
    case TOPICS.caseClosed.name:
      return { caseId: `CASE-poison-${complaintId.slice(-12)}`, complaintIds: [complaintId], result: 'closed', summary: '故障注入：不存在的投诉', closedAt: now() };
    default:
      return null;
  }
}

const envelope = (type: string, version: number, key: string, payload: object) =>
  JSON.stringify(createEnvelope({ type, version, producer: 'fault-suite', key, payload }));

/**
 * Poison for every consumed topic: bytes that are not JSON; an envelope of
 * the right type but a version the topic does not carry; an event type no
 * contract knows; a payload that breaks its class; and, where a consumer
 * enforces one, a business rule. `groupsOf` maps each logical topic to the
 * consumer groups subscribed to it.
 */
export function poisonFor(groupsOf: Map<string, string[]>, intakeGroup: string, caseGroup: string): Poison[] {
  const poisons: Poison[] = [];
  for (const [topic, groups] of groupsOf) {
    const contract = findTopicContract(topic);
    if (!contract) continue;
    const all = (reason: RegExp) => groups.map((group) => ({ group, reason }));
    const key = (kind: string) => `poison-${kind}-${randomUUID()}`;
    const k1 = key('json');
    poisons.push({ topic, kind: 'invalid-json', key: k1, value: `{"eventId":"${randomUUID()}","type":"${contract.type}","payload":{`, expect: all(/^INVALID_JSON/) });
    const k2 = key('version');
    poisons.push({ topic, kind: 'wrong-version', key: k2, value: envelope(contract.type, contract.version + 1, k2, { complaintId: k2 }), expect: all(/^UNSUPPORTED_EVENT/) });
    const k3 = key('type');
    poisons.push({ topic, kind: 'unknown-type', key: k3, value: envelope('complaint.teleported', contract.version, k3, { complaintId: k3 }), expect: all(/^UNSUPPORTED_EVENT/) });
    const k4 = key('payload');
    poisons.push({ topic, kind: 'invalid-payload', key: k4, value: envelope(contract.type, contract.version, k4, { complaintId: 42, caseId: [] }), expect: all(/^INVALID_PAYLOAD/) });
    const k5 = key('unknown');
    const payload = groups.includes(intakeGroup) ? unknownComplaintPayload(topic, k5) : null;
    if (payload) {
      const expect = [{ group: intakeGroup, reason: /^REJECTED: COMPLAINT_UNKNOWN/ }];
      if (topic === TOPICS.complaintClassificationCorrected.name && groups.includes(caseGroup)) expect.push({ group: caseGroup, reason: /^HANDLER_FAILED after \d+ attempts/ });
      poisons.push({ topic, kind: 'business-rule', key: k5, value: envelope(contract.type, contract.version, k5, payload), expect });
    }
  }
  return poisons;
}

/** What is missing: each expected dead letter (topic, key, group, reason, the original bytes) not found. */
export function missingDeadLetters(poisons: Poison[], deadLetters: RawMessage[], prefix: string): string[] {
  const missing: string[] = [];
  for (const p of poisons) {
    const dlq = physicalTopicName(`${p.topic}.dlq`, prefix);
    for (const e of p.expect) {
      const found = deadLetters.find(
        (m) =>
          m.topic === dlq &&
          m.key === p.key &&
          m.headers[HEADERS.dlqConsumerGroup] === e.group &&
          e.reason.test(m.headers[HEADERS.dlqReason] ?? '') &&
          m.headers[HEADERS.dlqOriginalTopic] === p.topic &&
          m.value?.toString('utf8') === p.value,
      );
      if (!found) missing.push(`${p.kind} on ${p.topic} for ${e.group} (${e.reason})`);
    }
  }
  return missing;
}
