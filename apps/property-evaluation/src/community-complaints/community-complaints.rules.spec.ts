import { PERIOD_PATTERN, isPropertyService, perHundredHouseholds, quarterOf } from './community-complaints.rules';

describe('quarterOf (Asia/Shanghai)', () => {
  it.each([
    ['2024-01-01T00:00:00+08:00', '2024Q1'],
    ['2024-03-31T23:59:59.999+08:00', '2024Q1'],
    ['2024-04-01T00:00:00+08:00', '2024Q2'],
    ['2024-06-30T23:59:59+08:00', '2024Q2'],
    ['2024-07-01T00:00:00+08:00', '2024Q3'],
    ['2024-09-30T23:59:59+08:00', '2024Q3'],
    ['2024-10-01T00:00:00+08:00', '2024Q4'],
    ['2024-12-31T23:59:59+08:00', '2024Q4'],
    ['2025-01-01T00:00:00+08:00', '2025Q1'],
  ])('%s is in %s', (iso, quarter) => {
    expect(quarterOf(new Date(iso))).toBe(quarter);
  });

  it('uses Shanghai time, not UTC, at a quarter boundary', () => {
    // 2024-03-31T16:00Z is already 1 April in Qingdao
    expect(quarterOf(new Date('2024-03-31T16:00:00Z'))).toBe('2024Q2');
    expect(quarterOf(new Date('2024-03-31T15:59:59.999Z'))).toBe('2024Q1');
    // New Year's Eve in UTC is already the next year in Qingdao
    expect(quarterOf(new Date('2023-12-31T16:00:00Z'))).toBe('2024Q1');
    expect(quarterOf(new Date('2023-12-31T15:59:59Z'))).toBe('2023Q4');
  });

  it('reads times given in other offsets as the same instant', () => {
    expect(quarterOf(new Date('2024-06-30T12:30:00-05:00'))).toBe('2024Q3'); // 2024-07-01T01:30+08:00
  });

  it('produces periods the query accepts', () => {
    expect(quarterOf(new Date())).toMatch(PERIOD_PATTERN);
  });
});

describe('PERIOD_PATTERN', () => {
  it.each(['2024Q1', '2024Q4', '1999Q2'])('accepts %s', (p) => expect(PERIOD_PATTERN.test(p)).toBe(true));
  it.each(['2024Q0', '2024Q5', '2024q1', '24Q1', '2024-Q1', '2024Q1 ', ''])('rejects %j', (p) => expect(PERIOD_PATTERN.test(p)).toBe(false));
});

describe('perHundredHouseholds', () => {
  it('scales to 100 households and rounds to 2 decimals', () => {
    expect(perHundredHouseholds(2, 300)).toBe(0.67);
    expect(perHundredHouseholds(1, 300)).toBe(0.33);
    expect(perHundredHouseholds(3, 200)).toBe(1.5);
    expect(perHundredHouseholds(12, 1200)).toBe(1);
  });

  it('is 0 without complaints', () => {
    expect(perHundredHouseholds(0, 540)).toBe(0);
  });

  it('rounds a half up exactly (1 in 800 = 0.125)', () => {
    expect(perHundredHouseholds(1, 800)).toBe(0.13);
    expect(perHundredHouseholds(1, 1600)).toBe(0.06); // 0.0625
  });

  it('refuses a community without households', () => {
    expect(() => perHundredHouseholds(1, 0)).toThrow(RangeError);
    expect(() => perHundredHouseholds(1, -5)).toThrow(RangeError);
  });
});

describe('isPropertyService', () => {
  it('is true only for property_service', () => {
    expect(isPropertyService('property_service')).toBe(true);
    expect(isPropertyService('street_order')).toBe(false);
  });
});
