import { CASE_STATE_LABELS, CATEGORIES, RESPONSIBLE_BODY_NAMES, type CaseStateCode } from '@pipeline/contracts';
import { community, hotspotArea } from '@pipeline/reference-data';
import type { ComplaintDeadline } from './deadline.rules';
import { SATISFACTION_LABELS, STATUS_LABELS } from './complaint-status.rules';
import type { ComplaintRecord } from './complaint.repository';
import type { TimelineRecord } from '../timeline/timeline.repository';
import { maskName, maskPhone } from '../caller/caller.rules';
import { ANONYMISED_CALLER_NOTICE } from '../retention/retention.rules';
import type { CallerViewDto, ComplaintCaseViewDto, ComplaintClassificationViewDto, ComplaintListItemDto, ComplaintViewDto } from './dto/complaint-view.dto';

/** The caller as an operator sees them: masked unless `reveal`; after the retention period only the notice. */
export function callerView(caller: ComplaintRecord['caller'], reveal: boolean, decrypt: (cipher: string) => string): CallerViewDto | null {
  if (!caller) return null;
  if (caller.anonymisedAt) return { name: ANONYMISED_CALLER_NOTICE, phone: null, anonymous: caller.anonymous, masked: !reveal, anonymised: true };
  const name = caller.nameCipher ? decrypt(caller.nameCipher) : null;
  const phone = caller.phoneCipher ? decrypt(caller.phoneCipher) : null;
  return {
    name: name && !reveal ? maskName(name) : name,
    phone: phone && !reveal ? maskPhone(phone) : phone,
    anonymous: caller.anonymous,
    masked: !reveal,
    anonymised: false,
  };
}

const CHANNEL_LABELS: Record<string, string> = { hotline: '12345 热线', app: '手机应用', web: '网站', wechat: '微信', open311: 'Open311 接口' };

function classificationView(c: ComplaintRecord['classification']): ComplaintClassificationViewDto | null {
  if (!c) return null;
  return {
    category: c.category,
    categoryName: CATEGORIES[c.category].name,
    enforceable: c.enforceable,
    urgent: c.urgent,
    hotspotAreaId: c.hotspotAreaId,
    hotspotAreaName: c.hotspotAreaId ? (hotspotArea(c.hotspotAreaId)?.name ?? null) : null,
    communityId: c.communityId,
    communityName: c.communityId ? (community(c.communityId)?.name ?? null) : null,
    district: c.district,
    responsibleBody: c.responsibleBody,
    responsibleBodyName: RESPONSIBLE_BODY_NAMES[c.responsibleBody],
    needsReview: c.needsReview,
    classifiedAt: c.at,
  };
}

function caseView(c: ComplaintRecord): ComplaintCaseViewDto | null {
  const caseId = c.outcome?.caseId ?? c.caseProgress?.caseId ?? null;
  if (!caseId) return null;
  const state = c.caseProgress?.caseId === caseId ? c.caseProgress.state : 'LEAD';
  return { caseId, state, stateLabel: CASE_STATE_LABELS[state as CaseStateCode] ?? state };
}

/** Everything an operator needs to answer a caller, in one answer. */
export function complaintView(c: ComplaintRecord, timeline: TimelineRecord[], deadline: ComplaintDeadline | null, caller: CallerViewDto | null): ComplaintViewDto {
  return {
    id: c._id,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    channel: c.channel,
    channelLabel: CHANNEL_LABELS[c.channel],
    text: c.text,
    address: c.address,
    location: c.location,
    reportedAt: c.reportedAt,
    receivedAt: c.receivedAt,
    externalRef: c.externalRef,
    attachments: c.attachments,
    caller,
    classification: classificationView(c.classification),
    repeatOf: c.classification?.repeatOf ?? null,
    outcome: c.outcome ? { outcome: c.outcome.outcome, reason: c.outcome.reason, decidedAt: c.outcome.at } : null,
    case: caseView(c),
    closure: c.closure,
    lastCallback: c.lastCallback ? { ...c.lastCallback, satisfactionLabel: SATISFACTION_LABELS[c.lastCallback.satisfaction] } : null,
    deadline,
    timeline: [
      // acceptance is a fact of the complaint itself, so it needs no entry of its own
      { at: c.receivedAt, kind: 'received', title: `已受理（${CHANNEL_LABELS[c.channel]}）`, detail: null, source: 'complaint-intake' },
      ...timeline.map((t) => ({ at: t.at, kind: t.kind, title: t.title, detail: t.detail, source: t.source })),
    ],
    updatedAt: c.updatedAt,
  };
}

/** A row of the complaint list: no caller, shortened text. */
export function complaintListItem(c: ComplaintRecord): ComplaintListItemDto {
  return {
    id: c._id,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    channel: c.channel,
    text: c.text.length > 120 ? `${c.text.slice(0, 120)}…` : c.text,
    address: c.address,
    receivedAt: c.receivedAt,
    externalRef: c.externalRef,
    category: c.classification?.category ?? null,
    categoryName: c.classification ? CATEGORIES[c.classification.category].name : null,
    urgent: c.classification?.urgent ?? false,
    hotspotAreaId: c.classification?.hotspotAreaId ?? null,
    communityId: c.classification?.communityId ?? null,
    caseId: c.outcome?.caseId ?? null,
  };
}
