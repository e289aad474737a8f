import { CalendarRangeError, type WorkingCalendar } from '@pipeline/calendar';

/** Shandong's 2020 hotline rules: reply within 5 working days (domain.md §1). */
export const REPLY_WORKING_DAYS = 5;
/** Emergencies (gas smell, a sign about to fall): on site within 2 hours, clock time (practice). */
export const URGENT_ON_SITE_HOURS = 2;
/** "Due soon" once less than this remains. */
export const DUE_SOON_MS = 24 * 3600_000;

export interface ComplaintDeadline {
  kind: 'reply' | 'on_site';
  label: string;
  dueAt: string | null;
  overdue: boolean;
  dueSoon: boolean;
  /** Why there is no due time (e.g. the holiday calendar for that year is not loaded). */
  note?: string;
}

/**
 * The deadline an operator quotes to a caller. Judged against the closure
 * time once closed, so a complaint closed late stays marked overdue.
 */
export function complaintDeadline(
  c: { receivedAt: Date; urgent: boolean; closedAt: Date | null },
  now: Date,
  calendar: WorkingCalendar,
): ComplaintDeadline {
  const kind = c.urgent ? 'on_site' : 'reply';
  const label = c.urgent ? `紧急事项 ${URGENT_ON_SITE_HOURS} 小时内到场处置` : `${REPLY_WORKING_DAYS} 个工作日内答复`;
  try {
    const due = c.urgent ? calendar.addHours(c.receivedAt, URGENT_ON_SITE_HOURS) : calendar.addWorkingDays(c.receivedAt, REPLY_WORKING_DAYS);
    const judgedAt = c.closedAt ?? now;
    const overdue = judgedAt.getTime() > due.dueAt.getTime();
    const dueSoon = !overdue && !c.closedAt && due.dueAt.getTime() - now.getTime() < DUE_SOON_MS;
    return { kind, label, dueAt: due.dueAt.toISOString(), overdue, dueSoon };
  } catch (err) {
    if (err instanceof CalendarRangeError) return { kind, label, dueAt: null, overdue: false, dueSoon: false, note: err.message };
    throw err;
  }
}
