import { percentile, ratePerSecond, summarize } from './stats';

describe('latency statistics', () => {
  it('takes the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarizes unsorted values', () => {
    expect(summarize([30, 10, 20, 40])).toEqual({ count: 4, p50: 20, p95: 40, p99: 40, max: 40 });
    expect(summarize([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
  });

  it('measures a rate over the span of the timestamps', () => {
    // 11 events, one every 100 ms: 10 intervals in one second
    expect(ratePerSecond(Array.from({ length: 11 }, (_, i) => 5_000 + i * 100))).toBeCloseTo(10);
    expect(ratePerSecond([1, 1])).toBe(0);
    expect(ratePerSecond([3])).toBe(0);
  });
});
