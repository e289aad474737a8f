import {
  CalendarRangeError,
  addMonthsToDayNumber,
  dayNumberOfInstant,
  endOfDayNumber,
  localDateOf,
  localDateOfDayNumber,
  type Deadline,
  type DeadlineDayType,
  type WorkingCalendar,
} from '@pipeline/calendar';
import type { CaseStateCode } from '@pipeline/contracts';
import { deadlineRule, type CaseTimeline, type DeadlineKey, type DeadlineRule, type PauseKind } from './deadline-rules';

// Computing a case's due dates: each rule's clock from its trigger, in its day
// type, with approved extensions and pauses. What they mean for the case now
// (status, notes) is the view's (deadline-view.ts).

/** An interval during which clocks that pause for `kind` stop; `to` absent = still going on. */
export interface PausedInterval {
  readonly kind: PauseKind;
  readonly from: Date;
  readonly to?: Date | null;
}

/** An extension, valid only with its approval record. */
export interface DeadlineExtension {
  readonly key: DeadlineKey;
  /** Who approved (the head, or the collective decision's chair). */
  readonly approvedBy: string;
  /** The approval document's number (审批表文号). */
  readonly approvalRef: string;
  /** Days added, in the rule's day type. */
  readonly days: number;
  readonly at: Date;
  /** Approved by collective decision (集体讨论), which D3 needs beyond its 30 days. */
  readonly collective?: boolean;
}

/** What the deadlines of one case depend on. */
export interface CaseFacts {
  readonly state: CaseStateCode;
  /** While SUSPENDED, the clocks shown are those of the state the case left. */
  readonly suspendedFrom?: CaseStateCode | null;
  readonly timeline: CaseTimeline;
  readonly decisionKind?: 'penalty' | 'no_penalty' | null;
  /** Fine in fen: D9 and D10 apply only to a fine. */
  readonly fineFen?: number | null;
  /** The notice stated the hearing right: D5 applies. */
  readonly hearingRight?: boolean;
  /** D4's period as set in the notice, working days. */
  readonly statementDays?: number | null;
  /** The decision was pronounced with the party present: D7 is the same day. */
  readonly partyPresentAtPronouncement?: boolean;
  /** D2 is five years (Art. 36). */
  readonly seriousHarm?: boolean;
  /** An illegal building under demolition: D13 applies. */
  readonly illegalBuilding?: boolean;
  /** D13's period as set in the public notice, calendar days. */
  readonly selfDemolitionDays?: number | null;
  readonly extensions?: readonly DeadlineExtension[];
  readonly pauses?: readonly PausedInterval[];
}

export type ExtensionRefusalCode = 'EXTENSION_NOT_ALLOWED' | 'EXTENSION_NEEDS_APPROVAL' | 'EXTENSION_INVALID_DAYS' | 'EXTENSION_OVER_MAXIMUM' | 'EXTENSION_AFTER_DUE';

export interface RejectedExtension {
  readonly extension: DeadlineExtension;
  readonly code: ExtensionRefusalCode;
  readonly message: string;
}

/**
 * Whether an extension may be granted: approver and approval reference
 * present, whole days, within the rule's maximum (beyond it only by
 * collective decision where the rule allows), and approved before the
 * current due date when that is known.
 */
export function checkExtension(
  key: DeadlineKey,
  granted: readonly DeadlineExtension[],
  proposed: DeadlineExtension,
  currentDueAt?: Date | null,
): { ok: true } | { ok: false; code: ExtensionRefusalCode; message: string } {
  const rule = deadlineRule(key);
  const ext = rule.extension;
  if (!ext) return { ok: false, code: 'EXTENSION_NOT_ALLOWED', message: `「${rule.name}」为法定期限，不得延长` };
  if (!text(proposed.approvedBy) || !text(proposed.approvalRef)) {
    return { ok: false, code: 'EXTENSION_NEEDS_APPROVAL', message: `延长「${rule.name}」须有审批记录：批准人和审批文号（${ext.approver}）` };
  }
  if (!Number.isSafeInteger(proposed.days) || proposed.days < 1) {
    return { ok: false, code: 'EXTENSION_INVALID_DAYS', message: '延长天数须为不少于 1 的整数' };
  }
  if (!(proposed.at instanceof Date) || !Number.isFinite(proposed.at.getTime())) {
    return { ok: false, code: 'EXTENSION_NEEDS_APPROVAL', message: '延长须记录批准时间' };
  }
  if (currentDueAt && proposed.at.getTime() > currentDueAt.getTime()) {
    return { ok: false, code: 'EXTENSION_AFTER_DUE', message: `「${rule.name}」已于 ${localDateOf(currentDueAt)} 届满，届满后不得批准延长` };
  }
  const byCollective = proposed.collective === true && ext.beyondByCollectiveDecision;
  if (ext.maxDays !== null && !byCollective) {
    const used = granted.filter((g) => !(g.collective === true && ext.beyondByCollectiveDecision)).reduce((sum, g) => sum + g.days, 0);
    if (used + proposed.days > ext.maxDays) {
      return {
        ok: false,
        code: 'EXTENSION_OVER_MAXIMUM',
        message: `「${rule.name}」经${ext.approver}最多延长 ${ext.maxDays} 日（已延长 ${used} 日）${ext.beyondByCollectiveDecision ? '；再延长须经集体讨论决定' : ''}`,
      };
    }
  }
  return { ok: true };
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** One rule's clock as computed: when it started and when it is due. */
export interface Computed {
  readonly startedAt: Date;
  readonly due: Deadline;
  readonly extensions: DeadlineExtension[];
  readonly rejected: RejectedExtension[];
  readonly pausedDays: number;
  readonly amount: number;
}

/** The clocks of one case at one moment, each computed once. */
export class DeadlineClock {
  private readonly memo = new Map<DeadlineKey, Computed | null | CalendarRangeError>();

  constructor(
    readonly facts: CaseFacts,
    readonly calendar: WorkingCalendar,
    readonly now: Date,
  ) {}

  conditionsHold(rule: DeadlineRule): boolean {
    const f = this.facts;
    return rule.conditions.every((c) => {
      switch (c) {
        case 'has_fine':
          return (f.fineFen ?? 0) > 0 && f.decisionKind !== 'no_penalty';
        case 'penalty_decision':
          return f.decisionKind === 'penalty';
        case 'hearing_right':
          return f.hearingRight === true;
        case 'illegal_building':
          return f.illegalBuilding === true;
        case 'no_appeal':
          return !f.timeline.appealFiledAt;
      }
    });
  }

  openPause(rule: DeadlineRule): boolean {
    if (rule.pausedBy.includes('suspension') && this.facts.state === 'SUSPENDED') return true;
    return (this.facts.pauses ?? []).some((p) => rule.pausedBy.includes(p.kind) && !p.to && p.from.getTime() <= this.now.getTime());
  }

  completedAt(rule: DeadlineRule): Date | null {
    for (const fact of rule.completedBy) {
      const at = this.facts.timeline[fact];
      if (at) return at;
    }
    return null;
  }

  amountOf(rule: DeadlineRule): number | null {
    if (rule.alternative && this.facts[rule.alternative.when]) return rule.alternative.amount;
    const set = rule.amountFrom ? this.facts[rule.amountFrom] : null;
    const amount = set ?? rule.amount;
    if (amount === null) return null;
    if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`${rule.key}: the period must be a whole number ≥ 0, got ${amount}`);
    return amount;
  }

  /** When the clock started; null if it has not. */
  startOf(rule: DeadlineRule): Date | null {
    if ('fact' in rule.trigger) {
      const at = this.facts.timeline[rule.trigger.fact] ?? null;
      // A clock counted back from a date (D6) runs from when the bureau knew of it.
      if (rule.direction === 'before') return at && rule.periodFrom ? (this.facts.timeline[rule.periodFrom] ?? null) : null;
      return at;
    }
    const prior = this.computeKey(rule.trigger.after);
    // A chained clock starts the day after the prior one's due date, once that
    // has passed without the prior one being met in time.
    if (!prior || this.now.getTime() <= prior.due.dueAt.getTime()) return null;
    const priorMet = this.completedAt(deadlineRule(rule.trigger.after));
    if (priorMet && priorMet.getTime() <= prior.due.dueAt.getTime()) return null;
    return new Date(prior.due.dueAt.getTime() + 1);
  }

  /** A rule's due date, whether or not it is active: chained rules need their predecessors. */
  computeKey(key: DeadlineKey): Computed | null {
    return this.compute(deadlineRule(key));
  }

  compute(rule: DeadlineRule): Computed | null {
    const cached = this.memo.get(rule.key);
    if (cached instanceof CalendarRangeError) throw cached;
    if (cached !== undefined) return cached;
    try {
      const result = this.computeUncached(rule);
      this.memo.set(rule.key, result);
      return result;
    } catch (error) {
      if (error instanceof CalendarRangeError) this.memo.set(rule.key, error);
      throw error;
    }
  }

  private computeUncached(rule: DeadlineRule): Computed | null {
    const startedAt = this.startOf(rule);
    const amount = this.amountOf(rule);
    if (!startedAt || amount === null) return null;
    // The due date is counted from the trigger itself; for a chained clock that is the prior due instant.
    const anchor = 'after' in rule.trigger ? new Date(startedAt.getTime() - 1) : startedAt;

    if (rule.direction === 'before') {
      const hearing = 'fact' in rule.trigger ? this.facts.timeline[rule.trigger.fact] : null;
      return { startedAt, due: this.workingDaysBefore(hearing as Date, amount), extensions: [], rejected: [], pausedDays: 0, amount };
    }

    // Extensions in the order approved; each is checked against the due date as it stood.
    const extensions: DeadlineExtension[] = [];
    const rejected: RejectedExtension[] = [];
    const pauses = this.pausesFor(rule);
    const mine = (this.facts.extensions ?? []).filter((e) => e.key === rule.key).sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const ext of mine) {
      const current = this.withPauses(rule, anchor, amount + sum(extensions), pauses).due;
      const check = checkExtension(rule.key, extensions, ext, current.dueAt);
      if (check.ok) extensions.push(ext);
      else rejected.push({ extension: ext, code: check.code, message: check.message });
    }
    const { due, pausedDays } = this.withPauses(rule, anchor, amount + sum(extensions), pauses);
    return { startedAt, due, extensions, rejected, pausedDays, amount };
  }

  /**
   * Moves the due date by the paused time: each pause that begins before the
   * (already moved) due date adds its length — calendar days between its
   * local dates, or the working days in it for a working-day clock.
   */
  private withPauses(rule: DeadlineRule, anchor: Date, n: number, pauses: readonly { from: Date; to: Date }[]): { due: Deadline; pausedDays: number } {
    let pausedDays = 0;
    for (const p of pauses) {
      const due = this.add(rule, anchor, n + pausedDays);
      if (p.from.getTime() > due.dueAt.getTime()) break;
      pausedDays += rule.dayType === 'working' ? Math.max(0, this.calendar.workingDaysBetween(p.from, p.to)) : dayNumberOfInstant(p.to) - dayNumberOfInstant(p.from);
    }
    return { due: this.add(rule, anchor, n + pausedDays), pausedDays };
  }

  /** The rule's pauses after its start, merged, an ongoing one running to now. */
  pausesFor(rule: DeadlineRule): { from: Date; to: Date }[] {
    const start = this.startOf(rule);
    const clipped = (this.facts.pauses ?? [])
      .filter((p) => rule.pausedBy.includes(p.kind))
      .map((p) => ({ from: new Date(Math.max(p.from.getTime(), start?.getTime() ?? p.from.getTime())), to: p.to ?? this.now }))
      .filter((p) => p.to.getTime() > p.from.getTime())
      .sort((a, b) => a.from.getTime() - b.from.getTime());
    const merged: { from: Date; to: Date }[] = [];
    for (const p of clipped) {
      const last = merged[merged.length - 1];
      if (last && p.from.getTime() <= last.to.getTime()) {
        if (p.to.getTime() > last.to.getTime()) merged[merged.length - 1] = { from: last.from, to: p.to };
      } else merged.push(p);
    }
    return merged;
  }

  /** n units after `from` in the rule's day type; 0 = the same local day ("当场"). */
  private add(rule: DeadlineRule, from: Date, n: number): Deadline {
    const start = dayNumberOfInstant(from);
    if (n === 0 && rule.dayType !== 'hours') return plain(start, rule.dayType);
    switch (rule.dayType) {
      case 'working':
        return this.calendar.addWorkingDays(from, n);
      case 'calendar':
        return rule.rollsToWorkingDay ? this.calendar.addCalendarDays(from, n) : plain(start + n, 'calendar');
      case 'months':
        return rule.rollsToWorkingDay ? this.calendar.addMonths(from, n) : plain(addMonthsToDayNumber(start, n), 'months');
      case 'hours':
        return this.calendar.addHours(from, n);
    }
  }

  /**
   * The latest day T with at least n working days after T up to and including
   * the anchor's date (D6: notice on T, hearing on the anchor): the day before
   * the nth working day counted back from the anchor.
   */
  private workingDaysBefore(anchor: Date, n: number): Deadline {
    let day = dayNumberOfInstant(anchor);
    for (let found = 0; ; day -= 1) {
      if (this.calendar.isWorkingDay(localDateOfDayNumber(day))) found += 1;
      if (found === n) break;
    }
    return plain(day - 1, 'working');
  }
}

/** The value, or null where the calendar had no data for it. */
export function rangeSafe<T>(fn: () => T | null): T | null {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CalendarRangeError) return null;
    throw error;
  }
}

function plain(day: number, dayType: DeadlineDayType): Deadline {
  return { dueAt: endOfDayNumber(day), dueDate: localDateOfDayNumber(day), dayType };
}

function sum(extensions: readonly DeadlineExtension[]): number {
  return extensions.reduce((s, e) => s + e.days, 0);
}
