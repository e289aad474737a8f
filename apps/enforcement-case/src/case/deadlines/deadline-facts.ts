import { fineOf } from '../procedure/case-decisions';
import type { CaseSnapshot, TransitionRecord } from '../procedure/case-state-machine';
import type { CaseFacts, PausedInterval } from './deadline-calculator';
import type { CaseTimeline } from './deadline-rules';

/**
 * Derives the deadline facts from the procedure's history, so the service
 * stores each fact once (as a transition) and the clocks follow from it.
 * The transition's `at` is read as the moment of the act: `notify` at the
 * notice's service, `serve` at service (for service by public notice, record
 * `serve` at the D8 date). `known` adds what no transition records (lead
 * received, violation end, hearing date, payment, appeal, testing periods,
 * extensions…) and wins over anything derived.
 */
export function deadlineFactsFromHistory(snapshot: CaseSnapshot, records: readonly TransitionRecord[], known: Partial<CaseFacts> = {}): CaseFacts {
  const sorted = [...records].sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = (...actions: TransitionRecord['action'][]) => sorted.filter((r) => actions.includes(r.action)).at(-1) ?? null;

  const notice = last('notify');
  const decided = last('decide_penalty', 'decide_no_penalty', 'decide_on_spot');
  const onSpot = decided?.action === 'decide_on_spot' ? decided : null;
  const closed = last('close', 'transfer_to_judiciary');
  // Only facts after the latest notice belong to it.
  const afterNotice = (r: TransitionRecord | null) => (r && notice && r.at >= notice.at ? r.at : null);

  const derived: CaseTimeline = {
    filedAt: last('file')?.at ?? null,
    legalReviewStartedAt: last('send_to_legal_review')?.at ?? null,
    noticeServedAt: notice?.at ?? null,
    statementSubmittedAt: afterNotice(last('request_statement')),
    hearingRequestedAt: afterNotice(last('request_hearing')),
    decisionPronouncedAt: decided?.at ?? null,
    // An on-the-spot decision is handed over as it is made (Art. 52).
    decisionServedAt: last('serve')?.at ?? onSpot?.at ?? null,
    reminderServedAt: last('serve_reminder')?.at ?? null,
    courtAppliedAt: last('apply_to_court')?.at ?? null,
    closedAt: closed?.at ?? null,
    paidAt: closed && (closed.executionResult === 'paid' || closed.executionResult === 'paid_on_spot') ? closed.at : null,
    archivedAt: last('archive')?.at ?? null,
  };

  const decision = snapshot.decision ?? null;
  return {
    state: snapshot.state,
    suspendedFrom: snapshot.suspendedFrom ?? null,
    decisionKind: decision?.kind ?? null,
    fineFen: decision?.kind === 'penalty' ? fineOf(decision) : null,
    hearingRight: snapshot.notice?.hearingRight ?? notice?.notice?.hearingRight ?? false,
    statementDays: snapshot.notice?.statementDays ?? notice?.notice?.statementDays ?? null,
    partyPresentAtPronouncement: onSpot !== null ? true : undefined,
    ...known,
    timeline: { ...withoutNulls(derived), ...withoutNulls(known.timeline ?? {}) },
    pauses: [...pausesOf(sorted), ...(known.pauses ?? [])],
    extensions: [...(known.extensions ?? [])],
  };
}

/** 中止 spans (suspend → resume) and hearing spans (into HEARING → out of it); an open span has no `to`. */
function pausesOf(records: readonly TransitionRecord[]): PausedInterval[] {
  const out: PausedInterval[] = [];
  for (const [kind, enters, leaves] of [
    ['suspension', (r: TransitionRecord) => r.to === 'SUSPENDED', (r: TransitionRecord) => r.from === 'SUSPENDED'],
    ['hearing', (r: TransitionRecord) => r.to === 'HEARING' && r.from !== 'HEARING', (r: TransitionRecord) => r.from === 'HEARING' && r.to !== 'HEARING'],
  ] as const) {
    let open: Date | null = null;
    for (const r of records) {
      if (open === null && enters(r)) open = r.at;
      else if (open !== null && leaves(r)) {
        out.push({ kind, from: open, to: r.at });
        open = null;
      }
    }
    if (open !== null) out.push({ kind, from: open, to: null });
  }
  return out;
}

function withoutNulls<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}
