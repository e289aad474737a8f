import { cachedReading } from './cached-reading';

describe('cachedReading', () => {
  it('reads once per interval, and once for scrapes that come together', async () => {
    let clock = 0;
    let reads = 0;
    const reading = cachedReading(30_000, async () => ++reads, () => clock);
    expect(await Promise.all([reading(), reading()])).toEqual([1, 1]);
    clock = 29_999;
    expect(await reading()).toBe(1);
    clock = 30_000;
    expect(await reading()).toBe(2);
    expect(reads).toBe(2);
  });

  it('keeps the last good reading when a reading fails, and tries again on the next call', async () => {
    let clock = 0;
    let fail = false;
    let reads = 0;
    const reading = cachedReading(1_000, async () => {
      reads++;
      if (fail) throw new Error('store down');
      return reads;
    }, () => clock);
    expect(await reading()).toBe(1);
    fail = true;
    clock = 5_000;
    expect(await reading()).toBe(1);
    fail = false;
    expect(await reading()).toBe(3);
  });

  it('has nothing to report while the first reading fails', async () => {
    const reading = cachedReading(1_000, () => Promise.reject(new Error('store down')));
    expect(await reading()).toBeUndefined();
  });
});
