import { derivedEventId, type CategoryCode, type EventEnvelope } from '@pipeline/contracts';

/** A case's id follows from the complaint that opened it: a redelivered decision cannot open a second case. */
export function caseIdFor(complaintId: string): string {
  return `CASE-${derivedEventId('case', complaintId)}`;
}

/** Where a case is, as the classifier placed its complaint. */
export interface CasePlace {
  hotspotAreaId: string | null;
  communityId: string | null;
  district: string | null;
}

/** What opening a case (a lead) from a complaint takes: triage sends it when the rules or a dispatcher decide. */
export interface OpenCaseCommand {
  complaintId: string;
  category: CategoryCode;
  urgent: boolean;
  place: CasePlace;
  /** The event or decision that opens it: the case's events are caused by it. */
  cause: Pick<EventEnvelope<unknown>, 'eventId' | 'correlationId'>;
  at: Date;
  /** Who assigns it: `system`, or the dispatcher who confirmed the candidate. */
  by: string;
  /** A squad a person chose; without it the least loaded squad covering the spot. */
  squad?: { squadId: string; reason: string };
}
