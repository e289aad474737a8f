// Imported as JSON so webpack bundles the notices into each service; nothing
// is read from disk at run time. A new year is a new file added here.
import cn2024 from './data/cn-2024.json';
import cn2025 from './data/cn-2025.json';
import { WorkingCalendar } from './working-calendar';

/** The raw year files shipped with the library, oldest first. */
export const CHINA_CALENDAR_YEAR_FILES: readonly unknown[] = Object.freeze([cn2024, cn2025]);

let memo: WorkingCalendar | undefined;

/** Mainland China's working-day calendar from the bundled notices, validated once per process. */
export function chinaCalendar(): WorkingCalendar {
  memo ??= WorkingCalendar.fromYears(CHINA_CALENDAR_YEAR_FILES);
  return memo;
}
