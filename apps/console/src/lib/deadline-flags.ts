/** How urgent a deadline is for the person who bears it. */
export type DeadlineFlag = 'overdue' | 'due_soon' | 'ok' | 'done' | 'paused' | 'unknown';

export interface DeadlineLike {
  dueAt?: string | null;
  status?: string | null;
  overdue?: boolean;
  dueSoon?: boolean;
  completedAt?: string | null;
}

/** Due within this many hours counts as due soon when the service did not say. */
export const DUE_SOON_HOURS = 48;

/**
 * The flag for a deadline: the service's own judgement when it gives one
 * (status overdue/due_soon, or the overdue/dueSoon booleans), else from the
 * due time against now.
 */
export function deadlineFlag(d: DeadlineLike, now: Date = new Date()): DeadlineFlag {
  // the case service's statuses: running, due_soon, overdue, expired, met, paused, unknown
  if (d.status === 'met' || (d.completedAt && d.status !== 'expired')) return 'done';
  if (d.status === 'paused') return 'paused';
  if (d.overdue || d.status === 'overdue' || d.status === 'expired') return 'overdue';
  if (d.dueSoon || d.status === 'due_soon') return 'due_soon';
  if (!d.dueAt) return 'unknown';
  const left = Date.parse(d.dueAt) - now.getTime();
  if (left < 0) return 'overdue';
  if (left <= DUE_SOON_HOURS * 3600_000) return 'due_soon';
  return 'ok';
}

export const FLAG_LABELS: Record<DeadlineFlag, string> = { overdue: '已超期', due_soon: '即将到期', ok: '期限内', done: '已完成', paused: '已暂停', unknown: '期限未定' };
export const FLAG_COLOURS: Record<DeadlineFlag, string> = { overdue: 'red', due_soon: 'orange', ok: 'green', done: 'default', paused: 'blue', unknown: 'default' };

/** The most pressing flag of several deadlines (overdue before due soon before the rest). */
export function worstFlag(flags: DeadlineFlag[]): DeadlineFlag {
  const order: DeadlineFlag[] = ['overdue', 'due_soon', 'ok', 'paused', 'unknown', 'done'];
  return order.find((f) => flags.includes(f)) ?? 'unknown';
}
