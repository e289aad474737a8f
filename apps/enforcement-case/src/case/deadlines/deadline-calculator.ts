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
import {
  DEADLINE_RULES,
  deadlineRule,
  surchargeOwed,
  type CaseTimeline,
  type DeadlineBearer,
  type DeadlineId,
  type DeadlineKey,
  type DeadlineRule,
  type PauseKind,
  type SourceMarker,
  type SurchargeOwed,
} from './deadline-rules';

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

/**
 * - `running` / `due_soon`: not yet due (see {@link isDueSoon});
 * - `overdue`: a limit passed unmet (or met late), or D10's surcharge capped;
 * - `expired`: a party's window passed unused — the right lapsed, nobody is in breach;
 * - `met`: done in time, or (D8) the deemed date has come;
 * - `paused`: a pause its rule recognises is going on now;
 * - `unknown`: the holiday data needed is not loaded; `note` says which year.
 */
export type DeadlineStatus = 'running' | 'due_soon' | 'overdue' | 'expired' | 'met' | 'paused' | 'unknown';

export type ExtensionRefusalCode = 'EXTENSION_NOT_ALLOWED' | 'EXTENSION_NEEDS_APPROVAL' | 'EXTENSION_INVALID_DAYS' | 'EXTENSION_OVER_MAXIMUM' | 'EXTENSION_AFTER_DUE';

export interface RejectedExtension {
  readonly extension: DeadlineExtension;
  readonly code: ExtensionRefusalCode;
  readonly message: string;
}

export interface DeadlineView {
  readonly key: DeadlineKey;
  readonly id: DeadlineId;
  readonly name: string;
  /** What started the clock, in words. */
  readonly trigger: string;
  readonly startedAt: Date;
  /** The last instant that meets it (end of the local day for day-based limits); null when unknown. */
  readonly dueAt: Date | null;
  /** Asia/Shanghai date of `dueAt`. */
  readonly dueDate: string | null;
  readonly dayType: DeadlineDayType;
  /** The period before extensions and pauses. */
  readonly amount: number;
  /** Days added by approved extensions. */
  readonly extendedBy: number;
  readonly extensions: readonly DeadlineExtension[];
  readonly rejectedExtensions: readonly RejectedExtension[];
  /** Days (of the rule's day type) the due date moved for pauses. */
  readonly pausedDays: number;
  readonly status: DeadlineStatus;
  readonly bearer: DeadlineBearer;
  readonly completedAt: Date | null;
  /** The earliest moment the next step is allowed (D12: 催告 + 10 working days; D13: forced demolition). */
  readonly notBefore?: Date | null;
  readonly surcharge?: SurchargeOwed;
  readonly source: string;
  readonly marker: SourceMarker;
  readonly note?: string;
}

/** Due soon: less than this share of the whole period remains … */
export const DUE_SOON_SHARE = 0.2;
/** … or the due date is at most this many working days after today. */
export const DUE_SOON_WORKING_DAYS = 2;

/**
 * The deadlines that apply to the case in its current state (for SUSPENDED:
 * the state it left), each computed from its trigger with its day type,
 * approved extensions and pauses. Clocks not yet started are left out.
 */
export function computeDeadlines(facts: CaseFacts, calendar: WorkingCalendar, now: Date): DeadlineView[] {
  const ctx = new Context(facts, calendar, now);
  const state = facts.state === 'SUSPENDED' ? facts.suspendedFrom : facts.state;
  if (!state) return [];
  return DEADLINE_RULES.filter((r) => r.activeIn.includes(state) && ctx.conditionsHold(r))
    .map((r) => ctx.view(r))
    .filter((v): v is DeadlineView => v !== null);
}

/**
 * A complaint waiting as a dispatcher's candidate is a lead under check:
 * D1 runs from when it became a candidate, 15 calendar days (D1's day type is
 * unverified; calendar days are the stricter reading), no extension — the
 * head's +10 days belong to a lead someone has taken on. `status` is
 * `overdue` once the 15 days have passed.
 */
export function candidateOverdue(candidateSince: Date, now: Date, calendar: WorkingCalendar): DeadlineView {
  const rule: DeadlineRule = { ...deadlineRule('D1'), triggerLabel: '成为待调度候选', extension: null };
  const view = new Context({ state: 'LEAD', timeline: { leadReceivedAt: candidateSince } }, calendar, now).view(rule);
  // leadReceivedAt is set, so the clock has started.
  return view as DeadlineView;
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

/** Due soon: under 20% of the period left, or at most 2 working days after today (whichever comes first). */
export function isDueSoon(startedAt: Date, dueAt: Date, now: Date, calendar: WorkingCalendar, dayType: DeadlineDayType): boolean {
  const remaining = dueAt.getTime() - now.getTime();
  if (remaining < 0) return false;
  if (remaining < DUE_SOON_SHARE * (dueAt.getTime() - startedAt.getTime())) return true;
  if (dayType === 'hours') return false;
  try {
    return calendar.workingDaysBetween(now, dueAt) <= DUE_SOON_WORKING_DAYS;
  } catch (error) {
    // Beyond the loaded years only the share can be judged.
    if (error instanceof CalendarRangeError) return false;
    throw error;
  }
}

// ---------------------------------------------------------------------------

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

interface Computed {
  readonly startedAt: Date;
  readonly due: Deadline;
  readonly extensions: DeadlineExtension[];
  readonly rejected: RejectedExtension[];
  readonly pausedDays: number;
  readonly amount: number;
}

class Context {
  private readonly memo = new Map<DeadlineKey, Computed | null | CalendarRangeError>();

  constructor(
    private readonly facts: CaseFacts,
    private readonly calendar: WorkingCalendar,
    private readonly now: Date,
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

  view(rule: DeadlineRule): DeadlineView | null {
    let computed: Computed | null;
    try {
      computed = this.compute(rule);
    } catch (error) {
      if (!(error instanceof CalendarRangeError)) throw error;
      // A chained clock whose predecessor is unknown cannot even be said to
      // have started; the predecessor's own entry reports the gap.
      const startedAt = rangeSafe(() => this.startOf(rule));
      if (!startedAt) return null;
      return {
        ...this.header(rule),
        startedAt,
        dueAt: null,
        dueDate: null,
        amount: this.amountOf(rule) ?? 0,
        extendedBy: 0,
        extensions: [],
        rejectedExtensions: [],
        pausedDays: 0,
        status: 'unknown',
        completedAt: this.completedAt(rule),
        note: error.message,
      };
    }
    if (!computed) return null;

    const { startedAt, due, extensions, rejected, pausedDays, amount } = computed;
    const completedAt = this.completedAt(rule);
    const notes: string[] = [];
    if (rule.alternative && this.facts[rule.alternative.when]) notes.push(rule.alternative.label);
    if (rule.caveat) notes.push(rule.caveat);
    let status = this.statusOf(rule, startedAt, due, completedAt, notes);
    if (this.facts.state === 'SUSPENDED' && !rule.pausedBy.includes('suspension')) notes.push('中止期间本期限不停止计算（无停止计算的规定）');
    for (const r of rejected) notes.push(`未计入的延长：${r.message}`);

    const extra: { surcharge?: SurchargeOwed; notBefore?: Date | null } = {};
    if (rule.key === 'D10') {
      // D10 starts only after D9 was computed, so D9 is known here.
      const d9 = this.computeKey('D9');
      if (d9) extra.surcharge = surchargeOwed(this.facts.fineFen ?? 0, d9.due.dueAt, completedAt ?? this.now, this.pausesFor(rule));
      // Capped on day 34: from then on nothing more accrues and enforcement is due.
      if (extra.surcharge?.capped && !completedAt && status !== 'paused') {
        status = 'overdue';
        notes.push('加处罚款已达罚款数额');
      }
    }
    if (rule.key === 'D12') {
      const reminder = this.facts.timeline.reminderServedAt;
      if (!reminder) notes.push('申请前须先送达催告书');
      else {
        // 催告书送达十日后 (强制法 Art. 54; ≤ 10 days are working days, Art. 69): from the day after the 10th working day.
        extra.notBefore = rangeSafe(() => new Date(this.calendar.addWorkingDays(reminder, 10).dueAt.getTime() + 1));
        if (!extra.notBefore) notes.push('催告期满日无法计算：工作日历未载入');
      }
    }
    if (rule.key === 'D13') {
      // Forced demolition waits for the self-demolition period and the appeal windows (强制法 Art. 44).
      const suit = rangeSafe(() => this.computeKey('D11.suit'));
      const latest = suit && suit.due.dueAt > due.dueAt ? suit.due.dueAt : due.dueAt;
      extra.notBefore = suit ? new Date(latest.getTime() + 1) : null;
    }

    return {
      ...this.header(rule),
      startedAt,
      dueAt: due.dueAt,
      dueDate: due.dueDate,
      amount,
      extendedBy: extensions.reduce((s, e) => s + e.days, 0),
      extensions,
      rejectedExtensions: rejected,
      pausedDays,
      status,
      completedAt,
      ...extra,
      ...(notes.length > 0 ? { note: notes.join('；') } : {}),
    };
  }

  private header(rule: DeadlineRule) {
    return {
      key: rule.key,
      id: rule.id,
      name: rule.name,
      trigger: rule.triggerLabel,
      dayType: rule.dayType,
      bearer: rule.bearer,
      source: rule.source,
      marker: rule.marker,
    };
  }

  private statusOf(rule: DeadlineRule, startedAt: Date, due: Deadline, completedAt: Date | null, notes: string[]): DeadlineStatus {
    const late = (at: Date) => at.getTime() > due.dueAt.getTime();
    if (completedAt) {
      if (rule.nature === 'deemed' || !late(completedAt)) return 'met';
      notes.push(`已于 ${localDateOf(completedAt)} 完成，超过期限`);
      return rule.nature === 'window' ? 'expired' : 'overdue';
    }
    if (this.openPause(rule)) {
      notes.push('期限暂停计算，恢复后顺延');
      return 'paused';
    }
    if (late(this.now)) {
      if (rule.nature === 'window') return 'expired';
      if (rule.nature === 'deemed') return 'met';
      return 'overdue';
    }
    if (rule.nature === 'deemed') return 'running';
    return isDueSoon(startedAt, due.dueAt, this.now, this.calendar, rule.dayType) ? 'due_soon' : 'running';
  }

  private openPause(rule: DeadlineRule): boolean {
    if (rule.pausedBy.includes('suspension') && this.facts.state === 'SUSPENDED') return true;
    return (this.facts.pauses ?? []).some((p) => rule.pausedBy.includes(p.kind) && !p.to && p.from.getTime() <= this.now.getTime());
  }

  private completedAt(rule: DeadlineRule): Date | null {
    for (const fact of rule.completedBy) {
      const at = this.facts.timeline[fact];
      if (at) return at;
    }
    return null;
  }

  private amountOf(rule: DeadlineRule): number | null {
    if (rule.alternative && this.facts[rule.alternative.when]) return rule.alternative.amount;
    const set = rule.amountFrom ? this.facts[rule.amountFrom] : null;
    const amount = set ?? rule.amount;
    if (amount === null) return null;
    if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`${rule.key}: the period must be a whole number ≥ 0, got ${amount}`);
    return amount;
  }

  /** When the clock started; null if it has not. */
  private startOf(rule: DeadlineRule): Date | null {
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
  private computeKey(key: DeadlineKey): Computed | null {
    return this.compute(deadlineRule(key));
  }

  private compute(rule: DeadlineRule): Computed | null {
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
  private pausesFor(rule: DeadlineRule): { from: Date; to: Date }[] {
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
function rangeSafe<T>(fn: () => T | null): T | null {
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
