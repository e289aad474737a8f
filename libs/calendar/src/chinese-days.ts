// The State Council holiday notices as kept by the chinese-days package (MIT,
// updated every year once the notice is out). Its data are read as JSON, so
// nothing of its runtime is loaded.
import data from 'chinese-days/dist/chinese-days.json';
import { version } from 'chinese-days/package.json';
import type { CalendarYearOrigin } from './working-calendar';
import type { CalendarEntry, CalendarYearFile } from './year-file';

/** `date → "English name,中文名,n"`, e.g. `"2026-02-14": "Spring Festival,春节,4"`. */
interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

export const CHINESE_DAYS_ORIGIN: CalendarYearOrigin = Object.freeze({ kind: 'package', name: 'chinese-days', version });

// The package shortens three festivals; the notices (and the year files we
// kept before) name them in full.
const FULL_NAMES: Readonly<Record<string, string>> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

function entriesOf(days: ChineseDaysData['holidays'], kind: CalendarEntry['kind']): CalendarEntry[] {
  return Object.entries(days).map(([date, label]) => {
    const name = label.split(',')[1] ?? label;
    return { date, kind, name: FULL_NAMES[name] ?? name };
  });
}

/**
 * Every year the package holds, as year files (oldest first): the days off
 * and the make-up working days of that year's notice. Validated by the
 * caller like any other year file.
 */
export function chineseDaysYearFiles(): CalendarYearFile[] {
  const { holidays, workdays } = data as ChineseDaysData;
  const byYear = new Map<number, CalendarEntry[]>();
  for (const entry of [...entriesOf(holidays, 'holiday'), ...entriesOf(workdays, 'workday')]) {
    const year = Number(entry.date.slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), entry]);
  }
  return [...byYear]
    .sort(([a], [b]) => a - b)
    .map(([year, entries]) => ({
      year,
      version: `chinese-days ${version}`,
      source: `国务院办公厅关于${year}年部分节假日安排的通知（据 npm 包 chinese-days ${version}）`,
      entries: entries.sort((a, b) => a.date.localeCompare(b.date)),
    }));
}
