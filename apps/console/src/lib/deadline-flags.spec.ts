import { deadlineFlag, DUE_SOON_HOURS, worstFlag } from './deadline-flags';

const NOW = new Date('2026-03-02T09:00:00+08:00');
const inHours = (h: number) => new Date(NOW.getTime() + h * 3600_000).toISOString();

describe('deadline flags', () => {
  it("takes the case service's own status first", () => {
    expect(deadlineFlag({ status: 'overdue', dueAt: inHours(100) }, NOW)).toBe('overdue');
    expect(deadlineFlag({ status: 'expired' }, NOW)).toBe('overdue');
    expect(deadlineFlag({ status: 'due_soon', dueAt: inHours(100) }, NOW)).toBe('due_soon');
    expect(deadlineFlag({ status: 'met', dueAt: inHours(-100) }, NOW)).toBe('done');
    expect(deadlineFlag({ status: 'paused' }, NOW)).toBe('paused');
  });

  it("takes the complaint view's booleans", () => {
    expect(deadlineFlag({ overdue: true, dueAt: inHours(5) }, NOW)).toBe('overdue');
    expect(deadlineFlag({ dueSoon: true, dueAt: inHours(500) }, NOW)).toBe('due_soon');
  });

  it('judges from the due time when the service says nothing', () => {
    expect(deadlineFlag({ dueAt: inHours(-1) }, NOW)).toBe('overdue');
    expect(deadlineFlag({ dueAt: inHours(DUE_SOON_HOURS) }, NOW)).toBe('due_soon');
    expect(deadlineFlag({ dueAt: inHours(DUE_SOON_HOURS + 1) }, NOW)).toBe('ok');
    expect(deadlineFlag({ status: 'running', dueAt: inHours(200) }, NOW)).toBe('ok');
  });

  it('cannot judge a deadline without a due time (calendar year not loaded)', () => {
    expect(deadlineFlag({ status: 'unknown', dueAt: null }, NOW)).toBe('unknown');
    expect(deadlineFlag({}, NOW)).toBe('unknown');
  });

  it('a completed deadline is done unless it was completed late', () => {
    expect(deadlineFlag({ completedAt: inHours(-2), dueAt: inHours(-1) }, NOW)).toBe('done');
    expect(deadlineFlag({ completedAt: inHours(-1), status: 'expired' }, NOW)).toBe('overdue');
  });

  it('picks the most pressing of several', () => {
    expect(worstFlag(['ok', 'due_soon', 'done'])).toBe('due_soon');
    expect(worstFlag(['ok', 'overdue', 'due_soon'])).toBe('overdue');
    expect(worstFlag([])).toBe('unknown');
  });
});
