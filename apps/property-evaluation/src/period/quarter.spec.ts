import { PERIOD_PATTERN, previousQuarter, quarterBounds, quarterOf } from './quarter';

describe('quarterOf (Asia/Shanghai)', () => {
  it.each([
    ['2024-01-01T00:00:00+08:00', '2024Q1'],
    ['2024-03-31T23:59:59+08:00', '2024Q1'],
    ['2024-04-01T00:00:00+08:00', '2024Q2'],
    ['2024-09-30T23:59:59+08:00', '2024Q3'],
    ['2024-12-31T23:59:59+08:00', '2024Q4'],
  ])('%s is in %s', (iso, quarter) => {
    expect(quarterOf(new Date(iso))).toBe(quarter);
  });

  it('uses Shanghai time, not UTC, at the quarter boundary', () => {
    expect(quarterOf(new Date('2024-03-31T16:00:00Z'))).toBe('2024Q2');
    expect(quarterOf(new Date('2024-03-31T15:59:59.999Z'))).toBe('2024Q1');
    // new year in Shanghai is still the old year in UTC
    expect(quarterOf(new Date('2023-12-31T16:00:00Z'))).toBe('2024Q1');
    expect(quarterOf(new Date('2023-12-31T15:59:59Z'))).toBe('2023Q4');
  });

  it('reads instants given in other offsets correctly', () => {
    expect(quarterOf(new Date('2024-06-30T12:30:00-05:00'))).toBe('2024Q3'); // 2024-07-01T01:30+08:00
  });
});

describe('quarter bounds and order', () => {
  it('starts and ends at Shanghai midnight', () => {
    expect(quarterBounds('2025Q1')).toEqual({ start: new Date('2025-01-01T00:00:00+08:00'), end: new Date('2025-04-01T00:00:00+08:00') });
    expect(quarterBounds('2024Q4')).toEqual({ start: new Date('2024-10-01T00:00:00+08:00'), end: new Date('2025-01-01T00:00:00+08:00') });
  });

  it('steps back over the year boundary', () => {
    expect(previousQuarter('2025Q1')).toBe('2024Q4');
    expect(previousQuarter('2025Q3')).toBe('2025Q2');
  });

  it('refuses what is not a quarter', () => {
    expect(() => quarterBounds('2025Q5')).toThrow(RangeError);
  });
});

describe('PERIOD_PATTERN', () => {
  it.each(['2024Q1', '2024Q4', '1999Q2'])('accepts %s', (p) => expect(PERIOD_PATTERN.test(p)).toBe(true));
  it.each(['2024Q0', '2024Q5', '2024q1', '24Q1', '2024-Q1', '2024Q1 ', ''])('rejects %j', (p) => expect(PERIOD_PATTERN.test(p)).toBe(false));
});
