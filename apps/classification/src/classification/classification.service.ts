import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CATEGORIES, ComplaintClassifiedV1, DomainError, METRICS, TOPICS, describeFieldErrors, validatePlain, type ComplaintReceivedV1,
  type EventEnvelope,
} from '@pipeline/contracts';
import { ServiceMetrics } from '@pipeline/observability';
import { EventPublisher, PermanentEventError } from '@pipeline/kafka';
import type { Classification, ComplaintClassifier } from '../classifier/complaint-classifier';
import { excerpt, type PossibleRepeat } from '../repeats/repeat-block.rules';
import { RepeatService, type RepeatDecision } from '../repeats/repeat.service';
import { routingFor, type Routing } from '../routing/routing.rules';
import { COMPLAINT_CLASSIFIER } from './classification.constants';
import { ClassificationRepository, type ClassificationRecord } from './classification.repository';
import { decodeListCursor, encodeListCursor } from './list-cursor';
import type { ClassifyComplaintDto } from './dto/classify-complaint.dto';
import type { ListClassificationsQuery } from './dto/list-classifications.query';

const NOT_A_REPEAT: RepeatDecision = { repeatOf: null, reasons: [] };
const DEFAULT_PAGE = 20;

/** The complaints.classified.v1 payload for a received complaint, the classifier's verdict and the repeat linker's. */
export function classifiedPayload(received: ComplaintReceivedV1, result: Classification, repeat: RepeatDecision = NOT_A_REPEAT): ComplaintClassifiedV1 {
  return {
    complaintId: received.complaintId,
    category: result.category,
    enforceable: result.enforceable,
    urgent: result.urgent,
    confidence: { category: result.confidence.category, enforceable: result.confidence.enforceable, urgent: result.confidence.urgent },
    hotspotAreaId: result.hotspotAreaId,
    communityId: result.communityId,
    district: result.district,
    // the first report of the incident (the root of a chain), so one violation never opens two cases
    repeatOf: repeat.repeatOf,
    location: received.location ?? null,
    address: received.address ?? null,
    // Routing is the taxonomy's decision, not the model's: a new model cannot send work elsewhere.
    responsibleBody: CATEGORIES[result.category].responsibleBody,
    needsReview: result.needsReview,
    modelVersion: result.modelVersion,
    channel: received.channel,
    reportedAt: received.reportedAt,
    receivedAt: received.receivedAt,
  };
}

/** What is stored: the published payload, with dates as dates, and why the model (and the repeat linker) decided so. */
export function classificationRecord(
  payload: ComplaintClassifiedV1,
  result: Classification,
  classifiedAt: Date,
  context: { repeatReasons?: string[]; correlationId?: string } = {},
): ClassificationRecord {
  return {
    complaintId: payload.complaintId,
    category: payload.category,
    enforceable: payload.enforceable,
    urgent: payload.urgent,
    confidence: payload.confidence,
    hotspotAreaId: payload.hotspotAreaId ?? null,
    communityId: payload.communityId ?? null,
    district: payload.district ?? null,
    repeatOf: payload.repeatOf ?? null,
    responsibleBody: payload.responsibleBody,
    routing: routingFor(payload.responsibleBody, payload.district),
    needsReview: payload.needsReview,
    modelVersion: payload.modelVersion,
    channel: payload.channel,
    reportedAt: new Date(payload.reportedAt),
    receivedAt: new Date(payload.receivedAt),
    explanation: { ...result.explanation, repeat: context.repeatReasons ?? [] },
    decidedBy: 'model',
    classifiedAt,
    correlationId: context.correlationId,
    correctionCount: 0,
  };
}

/** A dry run's answer: the classification, where it would go, and the stored complaints it may repeat. */
export type ClassificationPreview = Classification & { routing: Routing; possibleRepeats: PossibleRepeat[] };

/** A line of the review queue: the stored classification and the start of the complaint's text. */
export type ClassificationListItem = ClassificationRecord & { excerpt: string | null };

@Injectable()
export class ClassificationService {
  private readonly logger = new Logger(ClassificationService.name);
  private readonly classified;

  constructor(
    @Inject(COMPLAINT_CLASSIFIER) private readonly classifier: ComplaintClassifier,
    private readonly classifications: ClassificationRepository,
    private readonly repeats: RepeatService,
    private readonly publisher: EventPublisher,
    metrics: ServiceMetrics,
  ) {
    this.classified = metrics.counter(METRICS.complaintsClassified);
  }

  /**
   * Classifies a received complaint, links it to the first report of its
   * incident and publishes the result through the outbox, once per
   * complaint: a redelivery, or the same complaint under a new event id,
   * finds the stored candidate and classification and adds nothing. The
   * candidate is written first: if the process dies between the two writes,
   * the redelivery reuses its decision and completes the classification.
   */
  async classifyReceived(received: ComplaintReceivedV1, cause: Pick<EventEnvelope<unknown>, 'eventId' | 'correlationId'>): Promise<void> {
    const result = this.classifier.classify({ text: received.text, address: received.address, location: received.location });
    const unlinked = classifiedPayload(received, result);
    // Checked here rather than by the consumers: a model that breaks the
    // contract sends the received event to the dead-letter topic, to be
    // replayed once fixed, instead of storing a result nobody can read.
    const checked = validatePlain(ComplaintClassifiedV1, unlinked);
    if (!checked.ok) throw new PermanentEventError('CLASSIFICATION_INVALID', describeFieldErrors(checked.errors));

    const repeat = await this.repeats.linkAndRecord({
      id: received.complaintId,
      channel: received.channel,
      text: received.text,
      address: received.address ?? null,
      location: received.location ?? null,
      category: result.category,
      reportedAt: new Date(received.reportedAt),
      hotspotAreaId: result.hotspotAreaId,
      communityId: result.communityId,
    });
    const payload = classifiedPayload(received, result, repeat);
    const classifiedAt = new Date();
    const event = this.publisher.causedBy(cause, TOPICS.complaintClassified, { key: received.complaintId, occurredAt: classifiedAt, payload });
    const record = classificationRecord(payload, result, classifiedAt, { repeatReasons: repeat.reasons, correlationId: cause.correlationId });
    const inserted = await this.classifications.insertIfAbsent(record, [event]);
    if (inserted) this.classified.inc({ category: payload.category });
    else this.logger.debug(`投诉 ${received.complaintId} 已分类，忽略重复事件 ${cause.eventId}`);
  }

  /** Classifies a text and lists the stored complaints it may repeat, without storing or publishing anything. */
  async preview(dto: ClassifyComplaintDto): Promise<ClassificationPreview> {
    const location = dto.location ?? null;
    const address = dto.address ?? null;
    const result = this.classifier.classify({ text: dto.text, address, location });
    const possibleRepeats = await this.repeats.possibleRepeats({
      // an id no stored complaint has: the dry run is compared with all of them
      id: `dry-run-${randomUUID()}`,
      text: dto.text,
      address,
      location,
      category: result.category,
      reportedAt: new Date(),
      hotspotAreaId: result.hotspotAreaId,
      communityId: result.communityId,
    });
    return { ...result, routing: routingFor(result.responsibleBody, result.district), possibleRepeats };
  }

  async get(complaintId: string): Promise<ClassificationRecord> {
    const found = await this.classifications.findByComplaintId(complaintId);
    if (!found) throw DomainError.notFound('CLASSIFICATION_NOT_FOUND', `投诉 ${complaintId} 尚无分类结果`);
    return found;
  }

  /** Classifications newest first (the review queue with needsReview=true), a page at a time. */
  async list(query: ListClassificationsQuery): Promise<{ items: ClassificationListItem[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.cursor === undefined ? undefined : decodeListCursor(query.cursor);
    if (after === null) throw DomainError.invalid('VALIDATION_FAILED', '请求参数有误', [{ field: 'cursor', messages: ['cursor 无效'] }]);
    const rows = await this.classifications.list({ needsReview: query.needsReview, decidedBy: query.decidedBy }, after, limit + 1);
    const page = rows.slice(0, limit);
    const texts = await this.repeats.recorded(page.map((r) => r.complaintId));
    const last = page[page.length - 1];
    return {
      items: page.map((r) => {
        const text = texts.get(r.complaintId)?.text;
        return { ...r, excerpt: text === undefined ? null : excerpt(text) };
      }),
      nextCursor: rows.length > limit ? encodeListCursor({ classifiedAt: last.classifiedAt, complaintId: last.complaintId }) : null,
    };
  }
}
