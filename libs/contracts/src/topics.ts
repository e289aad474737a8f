import type { ClassConstructor } from 'class-transformer';
import { CaseAssignedV1, CaseClosedV1, CaseDeadlineBreachedV1, CaseOpenedV1, CaseStateChangedV1 } from './events/cases';
import {
  ComplaintCallbackRecordedV1, ComplaintClassificationCorrectedV1, ComplaintClassifiedV1, ComplaintClosedV1, ComplaintOutcomeDecidedV1,
  ComplaintReceivedV1,
} from './events/complaints';
import { EvaluationResultPublishedV1 } from './events/evaluations';

/**
 * One contract per topic: the topic name `<entity>.<fact>.v<n>`, the event
 * type and version the envelope must carry, and the payload class consumers
 * validate against. Publishing takes a contract, so a payload of the wrong
 * class does not compile.
 */
export interface TopicContract<P extends object = object> {
  readonly name: string;
  readonly type: string;
  readonly version: number;
  readonly payload: ClassConstructor<P>;
}

function defineTopic<P extends object>(entity: string, fact: string, version: number, payload: ClassConstructor<P>): TopicContract<P> {
  const singular = entity.replace(/s$/, '');
  return { name: `${entity}.${fact}.v${version}`, type: `${singular}.${fact}`, version, payload };
}

export const TOPICS = {
  complaintReceived: defineTopic('complaints', 'received', 1, ComplaintReceivedV1),
  complaintClassified: defineTopic('complaints', 'classified', 1, ComplaintClassifiedV1),
  complaintClassificationCorrected: defineTopic('complaints', 'classification-corrected', 1, ComplaintClassificationCorrectedV1),
  complaintOutcomeDecided: defineTopic('complaints', 'outcome-decided', 1, ComplaintOutcomeDecidedV1),
  complaintClosed: defineTopic('complaints', 'closed', 1, ComplaintClosedV1),
  complaintCallbackRecorded: defineTopic('complaints', 'callback-recorded', 1, ComplaintCallbackRecordedV1),
  caseOpened: defineTopic('cases', 'opened', 1, CaseOpenedV1),
  caseAssigned: defineTopic('cases', 'assigned', 1, CaseAssignedV1),
  caseStateChanged: defineTopic('cases', 'state-changed', 1, CaseStateChangedV1),
  caseClosed: defineTopic('cases', 'closed', 1, CaseClosedV1),
  caseDeadlineBreached: defineTopic('cases', 'deadline-breached', 1, CaseDeadlineBreachedV1),
  evaluationResultPublished: defineTopic('evaluations', 'result-published', 1, EvaluationResultPublishedV1),
} as const;

export type TopicKey = keyof typeof TOPICS;

export const ALL_TOPICS: readonly TopicContract[] = Object.values(TOPICS);

export function findTopicContract(name: string): TopicContract | undefined {
  return ALL_TOPICS.find((t) => t.name === name);
}

/** Dead letters of a topic: the original bytes, with the reason in headers. */
export function deadLetterTopicName(topicName: string): string {
  return `${topicName}.dlq`;
}

/**
 * Physical topic name. A prefix isolates environments sharing one cluster
 * (and each test file in the test suite); production runs without one.
 */
export function physicalTopicName(logicalName: string, prefix = ''): string {
  return prefix ? `${prefix}.${logicalName}` : logicalName;
}

/** Kafka headers every published event carries. */
export const HEADERS = {
  correlationId: 'x-correlation-id',
  eventType: 'x-event-type',
  eventVersion: 'x-event-version',
  dlqReason: 'x-dlq-reason',
  dlqOriginalTopic: 'x-dlq-original-topic',
  dlqOriginalPartition: 'x-dlq-original-partition',
  dlqOriginalOffset: 'x-dlq-original-offset',
  dlqConsumerGroup: 'x-dlq-consumer-group',
  dlqFailedAt: 'x-dlq-failed-at',
  /** Set by `npm run dlq:replay` on a replayed message, so a dead letter that fails again shows it was replayed before. */
  replayedAt: 'x-replayed-at',
} as const;

/** Consumer groups are namespaced with the topic prefix, so prefixed environments never share offsets. */
export function consumerGroupName(service: string, prefix = ''): string {
  return prefix ? `${prefix}.${service}` : service;
}
