/** The bureau's target: at least 10 % of a hotspot area's complaints become cases. */
export const TARGET_RATE = 0.1;

export type RateBand = 'none' | 'far' | 'below' | 'met';

/**
 * Bands of the complaint-to-case rate against the target: no complaints
 * (no rate), far below (under half the target), below, and met.
 */
export function rateBand(rate: number | null | undefined, target = TARGET_RATE): RateBand {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return 'none';
  if (rate >= target) return 'met';
  if (rate < target / 2) return 'far';
  return 'below';
}

export const BAND_COLOURS: Record<RateBand, string> = {
  none: '#d9d9d9',
  far: '#f5222d',
  below: '#faad14',
  met: '#52c41a',
};

export const BAND_LABELS: Record<RateBand, string> = {
  none: '暂无投诉',
  far: '低于目标一半（<5%）',
  below: '未达标（5%–10%）',
  met: '达标（≥10%）',
};

export function rateColour(rate: number | null | undefined, target = TARGET_RATE): string {
  return BAND_COLOURS[rateBand(rate, target)];
}

/** 0.1234 → "12.3%"; no rate → "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}
