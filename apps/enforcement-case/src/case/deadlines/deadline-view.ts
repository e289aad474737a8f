import { CalendarRangeError, localDateOf, type Deadline, type DeadlineDayType, type WorkingCalendar } from '@pipeline/calendar';
import { DeadlineClock, rangeSafe, type CaseFacts, type Computed } from './deadline-calculator';
import {
  DEADLINE_RULES,
  deadlineRule,
  surchargeOwed,
  type DeadlineRule,
  type SurchargeOwed,
} from './deadline-rules';
import type { DeadlineStatus, DeadlineViewDto as DeadlineView } from './deadline-view.dto';

export type { DeadlineStatus, DeadlineView };

// The deadlines of a case as shown: each running clock's due date with its
// status (running, due soon, overdue …) and the notes that explain it.

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
  const clock = new DeadlineClock(facts, calendar, now);
  const state = facts.state === 'SUSPENDED' ? facts.suspendedFrom : facts.state;
  if (!state) return [];
  return DEADLINE_RULES.filter((r) => r.activeIn.includes(state) && clock.conditionsHold(r))
    .map((r) => viewOf(clock, r))
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
  const view = viewOf(new DeadlineClock({ state: 'LEAD', timeline: { leadReceivedAt: candidateSince } }, calendar, now), rule);
  // leadReceivedAt is set, so the clock has started.
  return view as DeadlineView;
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

/** One rule's deadline as the case sees it now; null when its clock has not started. */
function viewOf(clock: DeadlineClock, rule: DeadlineRule): DeadlineView | null {
  let computed: Computed | null;
  try {
    computed = clock.compute(rule);
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    // A chained clock whose predecessor is unknown cannot even be said to
    // have started; the predecessor's own entry reports the gap.
    const startedAt = rangeSafe(() => clock.startOf(rule));
    if (!startedAt) return null;
    return {
      ...header(rule),
      startedAt,
      dueAt: null,
      dueDate: null,
      amount: clock.amountOf(rule) ?? 0,
      extendedBy: 0,
      extensions: [],
      rejectedExtensions: [],
      pausedDays: 0,
      status: 'unknown',
      completedAt: clock.completedAt(rule),
      note: error.message,
    };
  }
  if (!computed) return null;

  const { startedAt, due, extensions, rejected, pausedDays, amount } = computed;
  const completedAt = clock.completedAt(rule);
  const notes: string[] = [];
  if (rule.alternative && clock.facts[rule.alternative.when]) notes.push(rule.alternative.label);
  if (rule.caveat) notes.push(rule.caveat);
  let status = statusOf(clock, rule, startedAt, due, completedAt, notes);
  if (clock.facts.state === 'SUSPENDED' && !rule.pausedBy.includes('suspension')) notes.push('中止期间本期限不停止计算（无停止计算的规定）');
  for (const r of rejected) notes.push(`未计入的延长：${r.message}`);

  const extra: { surcharge?: SurchargeOwed; notBefore?: Date | null } = {};
  if (rule.key === 'D10') {
    // D10 starts only after D9 was computed, so D9 is known here.
    const d9 = clock.computeKey('D9');
    if (d9) extra.surcharge = surchargeOwed(clock.facts.fineFen ?? 0, d9.due.dueAt, completedAt ?? clock.now, clock.pausesFor(rule));
    // Capped on day 34: from then on nothing more accrues and enforcement is due.
    if (extra.surcharge?.capped && !completedAt && status !== 'paused') {
      status = 'overdue';
      notes.push('加处罚款已达罚款数额');
    }
  }
  if (rule.key === 'D12') {
    const reminder = clock.facts.timeline.reminderServedAt;
    if (!reminder) notes.push('申请前须先送达催告书');
    else {
      // 催告书送达十日后 (强制法 Art. 54; ≤ 10 days are working days, Art. 69): from the day after the 10th working day.
      extra.notBefore = rangeSafe(() => new Date(clock.calendar.addWorkingDays(reminder, 10).dueAt.getTime() + 1));
      if (!extra.notBefore) notes.push('催告期满日无法计算：工作日历未载入');
    }
  }
  if (rule.key === 'D13') {
    // Forced demolition waits for the self-demolition period and the appeal windows (强制法 Art. 44).
    const suit = rangeSafe(() => clock.computeKey('D11.suit'));
    const latest = suit && suit.due.dueAt > due.dueAt ? suit.due.dueAt : due.dueAt;
    extra.notBefore = suit ? new Date(latest.getTime() + 1) : null;
  }

  return {
    ...header(rule),
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

function header(rule: DeadlineRule) {
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

function statusOf(clock: DeadlineClock, rule: DeadlineRule, startedAt: Date, due: Deadline, completedAt: Date | null, notes: string[]): DeadlineStatus {
  const late = (at: Date) => at.getTime() > due.dueAt.getTime();
  if (completedAt) {
    if (rule.nature === 'deemed' || !late(completedAt)) return 'met';
    notes.push(`已于 ${localDateOf(completedAt)} 完成，超过期限`);
    return rule.nature === 'window' ? 'expired' : 'overdue';
  }
  if (clock.openPause(rule)) {
    notes.push('期限暂停计算，恢复后顺延');
    return 'paused';
  }
  if (late(clock.now)) {
    if (rule.nature === 'window') return 'expired';
    if (rule.nature === 'deemed') return 'met';
    return 'overdue';
  }
  if (rule.nature === 'deemed') return 'running';
  return isDueSoon(startedAt, due.dueAt, clock.now, clock.calendar, rule.dayType) ? 'due_soon' : 'running';
}
