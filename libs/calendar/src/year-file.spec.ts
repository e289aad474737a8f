import cn2024 from './fixtures/cn-2024.json';
import cn2025 from './fixtures/cn-2025.json';
import { CalendarDataError, WorkingCalendar, parseYearFile } from './index';

// A year file is accepted only if it is exactly right: a wrong file would
// move statutory deadlines without anyone noticing.

const clone = <T>(value: T): T => structuredClone(value);

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarDataError);
    expect((error as CalendarDataError).code).toBe('CALENDAR_DATA_INVALID');
    return (error as CalendarDataError).problems;
  }
  throw new Error('expected a CalendarDataError');
}

/** 2024 with one entry changed or added. */
function with2024(...entries: unknown[]): unknown {
  return { ...clone(cn2024), entries: [...clone(cn2024.entries), ...entries] };
}

/** A made-up year for loader tests only; real years come from the notices. */
const test2026 = { year: 2026, version: 'test.1', source: 'test', entries: [{ date: '2026-01-01', kind: 'holiday', name: '元旦' }] };

describe('parseYearFile', () => {
  it('accepts the year files kept before the package and returns them sorted and frozen', () => {
    const file = parseYearFile(cn2024);
    expect(file.year).toBe(2024);
    expect(file.entries).toHaveLength(36);
    expect(Object.isFrozen(file.entries)).toBe(true);
    const dates = file.entries.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
  });

  it.each([
    ['not an object', [], /expected an object/],
    ['a year given as text', { ...clone(cn2024), year: '2024' }, /year must be a four-digit integer/],
    ['no source', { ...clone(cn2024), source: undefined }, /source must be a non-empty string/],
    ['an empty version', { ...clone(cn2024), version: ' ' }, /version must be a non-empty string/],
    ['no entries', { ...clone(cn2024), entries: [] }, /entries must be a non-empty array/],
    ['a misspelt top-level key', { ...clone(cn2024), entires: [] }, /unknown key "entires"/],
  ])('rejects a file with %s', (_what, raw, message) => {
    expect(problemsOf(() => parseYearFile(raw)).join('\n')).toMatch(message);
  });

  it.each([
    ['a date in another year', { date: '2025-01-01', kind: 'holiday', name: '元旦' }, /2025-01-01 lies outside 2024/],
    ['a date that does not exist', { date: '2024-02-30', kind: 'holiday', name: 'x' }, /existing date written YYYY-MM-DD, got "2024-02-30"/],
    ['a date in another format', { date: '2024/03/01', kind: 'holiday', name: 'x' }, /got "2024\/03\/01"/],
    ['an unknown kind', { date: '2024-03-01', kind: 'rest', name: 'x' }, /kind must be "holiday" or "workday", got "rest"/],
    ['an empty name', { date: '2024-03-01', kind: 'holiday', name: '' }, /name must be a non-empty string/],
    ['a misspelt entry key', { date: '2024-03-01', kind: 'holiday', name: 'x', knd: 'holiday' }, /unknown key "knd"/],
    ['a date listed twice', { date: '2024-01-01', kind: 'holiday', name: '元旦' }, /2024-01-01 is listed twice/],
    // 2024-02-18 is a make-up Sunday; a holiday on the same date contradicts it.
    ['a holiday on a make-up day', { date: '2024-02-18', kind: 'holiday', name: '春节' }, /2024-02-18 is listed both as a holiday and as a make-up working day/],
    // Mon 5 Feb 2024 is a working day anyway: a make-up day there is a typo.
    ['a make-up day on a weekday', { date: '2024-02-05', kind: 'workday', name: '春节' }, /make-up working day 2024-02-05 is a Monday/],
  ])('rejects an entry with %s', (_what, entry, message) => {
    expect(problemsOf(() => parseYearFile(with2024(entry))).join('\n')).toMatch(message);
  });

  it('lists every problem in one error', () => {
    const problems = problemsOf(() =>
      parseYearFile(with2024({ date: '2023-12-31', kind: 'holiday', name: 'x' }, { date: '2024-03-01', kind: 'off', name: 'x' }), 'cn-2024.json'),
    );
    expect(problems).toEqual([
      'cn-2024.json (2024) entries[36]: 2023-12-31 lies outside 2024',
      'cn-2024.json (2024) entries[37]: kind must be "holiday" or "workday", got "off"',
    ]);
  });
});

describe('WorkingCalendar.fromYears', () => {
  it('accepts the year files in any order', () => {
    expect(WorkingCalendar.fromYears([cn2025, cn2024]).loadedYears()).toEqual([2024, 2025]);
  });

  it('takes a new year file next to the others', () => {
    const cal = WorkingCalendar.fromYears([cn2024, cn2025, test2026]);
    expect(cal.loadedYears()).toEqual([2024, 2025, 2026]);
    expect(cal.isWorkingDay('2026-01-01')).toBe(false);
    expect(cal.isWorkingDay('2026-01-02')).toBe(true); // a Friday, nothing listed
  });

  it('rejects an empty list', () => {
    expect(problemsOf(() => WorkingCalendar.fromYears([]))).toEqual(['at least one year file is needed']);
  });

  it('rejects the same year twice', () => {
    expect(problemsOf(() => WorkingCalendar.fromYears([cn2024, clone(cn2024)]))).toEqual(['year 2024 is given twice']);
  });

  it('rejects a gap, which would read the missing year as having no holidays', () => {
    expect(problemsOf(() => WorkingCalendar.fromYears([cn2024, test2026]))).toEqual(['years must be consecutive: 2024 is followed by 2026, 2025 is missing']);
  });

  it('names the file that is wrong', () => {
    const bad = { ...clone(cn2025), entries: [{ date: '2025-13-01', kind: 'holiday', name: 'x' }] };
    expect(problemsOf(() => WorkingCalendar.fromYears([cn2024, bad]))).toEqual(['year file #2 (2025) entries[0]: date must be an existing date written YYYY-MM-DD, got "2025-13-01"']);
  });

  it('does not change when the raw file is changed afterwards', () => {
    const raw = clone(cn2024);
    const cal = WorkingCalendar.fromYears([raw]);
    raw.entries[0].kind = 'workday';
    expect(cal.isWorkingDay('2024-01-01')).toBe(false);
  });
});
