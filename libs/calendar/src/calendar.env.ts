import { IsOptional, ValidateBy } from 'class-validator';
import { loadChinaCalendar } from './china-calendar';

/** Why the calendar of `dir` cannot be used, or null when it can. */
export function calendarDirProblem(dir: unknown): string | null {
  if (typeof dir !== 'string' || !dir.trim()) return 'CALENDAR_DIR must name a folder of cn-<year>.json files';
  try {
    loadChinaCalendar(dir);
    return null;
  } catch (err) {
    return (err as Error).message; // names the folder or file and every problem
  }
}

/**
 * The environment piece of a service that computes deadlines: an optional
 * folder of holiday notices published after the release (a ConfigMap on
 * Kubernetes). Checked at start-up, so a bad file stops the service with its
 * problems instead of failing the first deadline.
 */
export class CalendarEnv {
  @IsOptional()
  @ValidateBy({
    name: 'calendarDir',
    validator: { validate: (value: unknown) => calendarDirProblem(value) === null, defaultMessage: (args) => calendarDirProblem(args?.value) ?? '' },
  })
  CALENDAR_DIR?: string;
}
