import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CATEGORIES, ComplaintClassifiedV1, TOPICS, describeFieldErrors, validatePlain,
  type ComplaintReceivedV1, type EventEnvelope,
} from '@pipeline/contracts';
import { DomainError } from '@pipeline/http';
import { EventPublisher, PermanentEventError } from '@pipeline/kafka';
import type { Classification, ComplaintClassifier } from '../classifier/complaint-classifier';
import { COMPLAINT_CLASSIFIER } from './classification.constants';
import { ClassificationRepository, type ClassificationRecord } from './classification.repository';
import type { ClassifyComplaintDto } from './dto/classify-complaint.dto';

/** The complaints.classified.v1 payload for a received complaint and the classifier's verdict. */
export function classifiedPayload(received: ComplaintReceivedV1, result: Classification): ComplaintClassifiedV1 {
  return {
    complaintId: received.complaintId,
    category: result.category,
    enforceable: result.enforceable,
    urgent: result.urgent,
    confidence: { category: result.confidence.category, enforceable: result.confidence.enforceable, urgent: result.confidence.urgent },
    hotspotAreaId: result.hotspotAreaId,
    communityId: result.communityId,
    district: result.district,
    // Repeat detection is a later issue; until then no complaint is marked as a repeat.
    repeatOf: null,
    // Routing is the taxonomy's decision, not the model's: a new model cannot send work elsewhere.
    responsibleBody: CATEGORIES[result.category].responsibleBody,
    needsReview: result.needsReview,
    modelVersion: result.modelVersion,
    channel: received.channel,
    reportedAt: received.reportedAt,
    receivedAt: received.receivedAt,
  };
}

/** What is stored: the published payload, with dates as dates, and why the model decided so. */
export function classificationRecord(payload: ComplaintClassifiedV1, result: Classification, classifiedAt: Date): ClassificationRecord {
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
    needsReview: payload.needsReview,
    modelVersion: payload.modelVersion,
    channel: payload.channel,
    reportedAt: new Date(payload.reportedAt),
    receivedAt: new Date(payload.receivedAt),
    explanation: result.explanation,
    decidedBy: 'model',
    classifiedAt,
  };
}

@Injectable()
export class ClassificationService {
  private readonly logger = new Logger(ClassificationService.name);

  constructor(
    @Inject(COMPLAINT_CLASSIFIER) private readonly classifier: ComplaintClassifier,
    private readonly classifications: ClassificationRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /**
   * Classifies a received complaint and publishes the result through the
   * outbox, once per complaint: a redelivery, or the same complaint under a
   * new event id, finds the stored classification and adds nothing.
   */
  async classifyReceived(received: ComplaintReceivedV1, cause: Pick<EventEnvelope<unknown>, 'eventId' | 'correlationId'>): Promise<void> {
    const result = this.classifier.classify({ text: received.text, address: received.address, location: received.location });
    const payload = classifiedPayload(received, result);
    // Checked here rather than by the consumers: a model that breaks the
    // contract sends the received event to the dead-letter topic, to be
    // replayed once fixed, instead of storing a result nobody can read.
    const checked = validatePlain(ComplaintClassifiedV1, payload);
    if (!checked.ok) throw new PermanentEventError('CLASSIFICATION_INVALID', describeFieldErrors(checked.errors));

    const classifiedAt = new Date();
    const event = this.publisher.causedBy(cause, TOPICS.complaintClassified, { key: received.complaintId, occurredAt: classifiedAt, payload });
    const inserted = await this.classifications.insertIfAbsent(classificationRecord(payload, result, classifiedAt), [event]);
    if (!inserted) this.logger.debug(`投诉 ${received.complaintId} 已分类，忽略重复事件 ${cause.eventId}`);
  }

  /** Classifies a text without storing or publishing anything: for trying the model out. */
  preview(dto: ClassifyComplaintDto): Classification {
    return this.classifier.classify({ text: dto.text, address: dto.address ?? null, location: dto.location ?? null });
  }

  async get(complaintId: string): Promise<ClassificationRecord> {
    const found = await this.classifications.findByComplaintId(complaintId);
    if (!found) throw DomainError.notFound('CLASSIFICATION_NOT_FOUND', `投诉 ${complaintId} 尚无分类结果`);
    return found;
  }
}
