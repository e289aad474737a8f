import { StuckConnectionDetector } from './store-watchdog';

describe('StuckConnectionDetector', () => {
  it('stays healthy while pings succeed', () => {
    const d = new StuckConnectionDetector(20_000);
    expect(d.observe(true, 0)).toBe('healthy');
    expect(d.observe(true, 60_000)).toBe('healthy');
  });

  it('suspects the driver only after pings have failed without a break for the whole window', () => {
    const d = new StuckConnectionDetector(20_000);
    expect(d.observe(false, 1_000)).toBe('failing');
    expect(d.observe(false, 20_999)).toBe('failing');
    expect(d.observe(false, 21_000)).toBe('probe-store');
  });

  it('starts the window again after one successful ping', () => {
    const d = new StuckConnectionDetector(20_000);
    d.observe(false, 0);
    d.observe(false, 15_000);
    expect(d.observe(true, 16_000)).toBe('healthy');
    expect(d.observe(false, 30_000)).toBe('failing');
    expect(d.observe(false, 49_999)).toBe('failing');
    expect(d.observe(false, 50_000)).toBe('probe-store');
  });

  it('waits a whole window again after a reset (a reconnect, or a store found down)', () => {
    const d = new StuckConnectionDetector(20_000);
    d.observe(false, 0);
    expect(d.observe(false, 20_000)).toBe('probe-store');
    d.reset(20_500);
    expect(d.observe(false, 25_000)).toBe('failing');
    expect(d.observe(false, 40_500)).toBe('probe-store');
  });
});
