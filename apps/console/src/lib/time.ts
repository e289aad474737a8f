import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every time the bureau reads is Beijing time, whatever the browser's zone. */
export const BUREAU_TZ = 'Asia/Shanghai';

export function formatTime(iso: string | Date | null | undefined, pattern = 'YYYY-MM-DD HH:mm'): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(BUREAU_TZ).format(pattern) : '—';
}

/** A calendar day picked in the console (Beijing) → the ISO instant of its start, for `from` filters. */
export function startOfBureauDay(day: string): string {
  return dayjs.tz(day, BUREAU_TZ).startOf('day').toISOString();
}

/** The ISO instant just after a Beijing calendar day, for exclusive `to` filters. */
export function endOfBureauDay(day: string): string {
  return dayjs.tz(day, BUREAU_TZ).add(1, 'day').startOf('day').toISOString();
}

export { dayjs };
