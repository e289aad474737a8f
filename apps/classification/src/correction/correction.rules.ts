import { shanghaiDateTime } from '@pipeline/calendar';
import { CATEGORIES, type CategoryCode, type ComplaintClassificationCorrectedV1, type FieldError } from '@pipeline/contracts';
import { community, hotspotArea } from '@pipeline/reference-data';
import type { ClassificationRecord, CorrectionFields } from '../classification/classification.repository';
import type { StoredExplanation } from '../classification/classification.schema';
import type { RepeatCandidateRecord } from '../repeats/repeat-candidate.repository';
import { routingFor } from '../routing/routing.rules';
import type { CorrectionRecord } from './correction.repository';

/** The judgements a person can correct. */
export interface Judgement {
  category: CategoryCode;
  enforceable: boolean;
  urgent: boolean;
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
  repeatOf: string | null;
}

/** Who made a correction and why. */
export interface CorrectionNote {
  correctionId: string;
  correctedBy: string;
  reason: string;
  correctedAt: Date;
}

/** The place part of a correction request: absent keeps the stored value, null clears it. */
export interface PlaceChange {
  hotspotAreaId?: string | null;
  communityId?: string | null;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function judgementOf(r: Judgement): Judgement {
  return {
    category: r.category,
    enforceable: r.enforceable,
    urgent: r.urgent,
    hotspotAreaId: r.hotspotAreaId ?? null,
    communityId: r.communityId ?? null,
    district: r.district ?? null,
    repeatOf: r.repeatOf ?? null,
  };
}

/** Whether two judgements agree on everything a person decides (the district follows from the place). */
export function sameJudgement(a: Judgement, b: Judgement): boolean {
  return (
    a.category === b.category && a.enforceable === b.enforceable && a.urgent === b.urgent && samePlace(a, b) && (a.repeatOf ?? null) === (b.repeatOf ?? null)
  );
}

function samePlace(a: Pick<Judgement, 'hotspotAreaId' | 'communityId'>, b: Pick<Judgement, 'hotspotAreaId' | 'communityId'>): boolean {
  return (a.hotspotAreaId ?? null) === (b.hotspotAreaId ?? null) && (a.communityId ?? null) === (b.communityId ?? null);
}

/**
 * The corrected place. A community given without an area brings the area it
 * lies in; an area and a community given together must agree with the
 * reference data. The district follows the place, as the locator derives it;
 * an unchanged place keeps the stored district. Ids are known to exist (the
 * DTO checked them).
 */
export function resolvePlace(current: Judgement, change: PlaceChange): Resolved<Pick<Judgement, 'hotspotAreaId' | 'communityId' | 'district'>> {
  const communityId = change.communityId !== undefined ? change.communityId : current.communityId;
  const hotspotAreaId =
    change.hotspotAreaId !== undefined ? change.hotspotAreaId : change.communityId ? (community(change.communityId)?.hotspotAreaId ?? null) : current.hotspotAreaId;
  const place = { hotspotAreaId: hotspotAreaId ?? null, communityId: communityId ?? null };
  if (samePlace(place, current)) return { ok: true, value: { ...place, district: current.district } };
  const c = place.communityId ? community(place.communityId) : undefined;
  const h = place.hotspotAreaId ? hotspotArea(place.hotspotAreaId) : undefined;
  if (c && place.hotspotAreaId && c.hotspotAreaId !== place.hotspotAreaId) {
    const where = c.hotspotAreaId ? `位于热点区域 ${c.hotspotAreaId}` : '不在任何热点区域内';
    const message = `小区 ${c.id}（${c.name}）${where}，与 hotspotAreaId ${place.hotspotAreaId} 不一致`;
    return { ok: false, errors: [{ field: change.communityId !== undefined ? 'communityId' : 'hotspotAreaId', messages: [message] }] };
  }
  return { ok: true, value: { ...place, district: c?.district ?? h?.district ?? null } };
}

/** The explanation after a correction: the person's reason for each judgement changed, the model's cues for the rest. */
export function correctedExplanation(current: ClassificationRecord, target: Judgement, note: CorrectionNote): StoredExplanation {
  const line = [`人工更正（${note.correctedBy}）：${note.reason}`];
  const before = current.explanation;
  return {
    category: current.category === target.category ? before.category : line,
    enforceable: current.enforceable === target.enforceable && current.category === target.category ? before.enforceable : line,
    urgent: current.urgent === target.urgent ? before.urgent : line,
    place: samePlace(current, target) ? before.place : line,
    repeat: (current.repeatOf ?? null) === target.repeatOf ? (before.repeat ?? []) : target.repeatOf ? [`人工认定为 ${target.repeatOf} 的重复件：${note.reason}`] : line,
  };
}

/** What a correction sets on the stored classification. */
export function correctionFields(current: ClassificationRecord, target: Judgement, note: CorrectionNote): CorrectionFields {
  const responsibleBody = CATEGORIES[target.category].responsibleBody;
  // The model's own judgement is kept from the first correction on; later ones keep it as it was.
  const modelJudgement = current.modelJudgement ?? (current.decidedBy === 'model' ? modelJudgementOf(current) : undefined);
  return {
    ...target,
    // a person's judgement: certain as far as the service is concerned; the model's confidence stays in modelJudgement
    confidence: { category: 1, enforceable: 1, urgent: 1 },
    responsibleBody,
    routing: routingFor(responsibleBody, target.district),
    needsReview: false,
    decidedBy: 'person',
    explanation: correctedExplanation(current, target, note),
    ...(modelJudgement ? { modelJudgement } : {}),
    lastCorrection: { ...note, previous: judgementOf(current) },
    correctionCount: (current.correctionCount ?? 0) + 1,
  };
}

function modelJudgementOf(r: ClassificationRecord): NonNullable<ClassificationRecord['modelJudgement']> {
  return { ...judgementOf(r), confidence: r.confidence, explanation: r.explanation, modelVersion: r.modelVersion, classifiedAt: r.classifiedAt };
}

/** The complaints.classification-corrected.v1 payload: the full corrected judgement and what it replaced. */
export function correctedPayload(
  complaint: { complaintId: string; reportedAt: Date },
  previous: Judgement,
  target: Judgement,
  note: CorrectionNote,
): ComplaintClassificationCorrectedV1 {
  return {
    complaintId: complaint.complaintId,
    category: target.category,
    enforceable: target.enforceable,
    urgent: target.urgent,
    hotspotAreaId: target.hotspotAreaId,
    communityId: target.communityId,
    district: target.district,
    repeatOf: target.repeatOf,
    responsibleBody: CATEGORIES[target.category].responsibleBody,
    previous: {
      category: previous.category,
      enforceable: previous.enforceable,
      urgent: previous.urgent,
      hotspotAreaId: previous.hotspotAreaId,
      communityId: previous.communityId,
    },
    reportedAt: complaint.reportedAt.toISOString(),
    correctedBy: note.correctedBy,
    reason: note.reason,
    correctedAt: note.correctedAt.toISOString(),
  };
}

/** The history record of a classification's latest correction, rebuilt from the classification itself. */
export function historyRecord(r: ClassificationRecord): CorrectionRecord | null {
  const last = r.lastCorrection;
  if (!last) return null;
  return {
    correctionId: last.correctionId,
    complaintId: r.complaintId,
    previous: judgementOf(last.previous),
    corrected: judgementOf(r),
    modelVersion: r.modelVersion,
    correctedBy: last.correctedBy,
    reason: last.reason,
    correctedAt: last.correctedAt,
  };
}

/** A corrected complaint in the shape of complaints.public.jsonl, labelled with the person's judgement. */
export interface LabeledLine {
  id: string;
  channel: string;
  reportedAt: string;
  text: string;
  address: string | null;
  location: { lat: number; lng: number } | null;
  caller: null;
  externalRef: null;
  labels: {
    category: CategoryCode;
    enforceable: boolean;
    urgent: boolean;
    hotspotAreaId: string | null;
    communityId: string | null;
    repeatOf: string | null;
  };
}

/**
 * One line of the retraining export. Keys in the public file's order; the
 * caller and the work-order number stay out, and mobile numbers typed into
 * the text are masked (training uses de-identified text, 个人信息保护法 Art. 73).
 */
export function labeledLine(r: ClassificationRecord, recorded: RepeatCandidateRecord): LabeledLine {
  return {
    id: r.complaintId,
    channel: recorded.channel,
    reportedAt: shanghaiTime(recorded.reportedAt),
    text: maskPhoneNumbers(recorded.text),
    address: recorded.address === null ? null : maskPhoneNumbers(recorded.address),
    location: recorded.location ? { lat: recorded.location.lat, lng: recorded.location.lng } : null,
    caller: null,
    externalRef: null,
    labels: {
      category: r.category,
      enforceable: r.enforceable,
      urgent: r.urgent,
      hotspotAreaId: r.hotspotAreaId ?? null,
      communityId: r.communityId ?? null,
      repeatOf: r.repeatOf ?? null,
    },
  };
}

/** Mainland mobile numbers as 138****1234. */
export function maskPhoneNumbers(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');
}

/** A time as Qingdao writes it, like the public file: 2024-03-02T08:18:00+08:00, with milliseconds only when there are some. */
export function shanghaiTime(at: Date): string {
  return shanghaiDateTime(at, { keepMilliseconds: true });
}
