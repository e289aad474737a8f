/** Latency summary in milliseconds. */
export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** Nearest-rank percentile of ascending values; null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

/** Events per second over the span from the first to the last timestamp (ms); 0 for fewer than two. */
export function ratePerSecond(timestamps: readonly number[]): number {
  if (timestamps.length < 2) return 0;
  let first = Infinity;
  let last = -Infinity;
  for (const t of timestamps) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return last > first ? ((timestamps.length - 1) * 1000) / (last - first) : 0;
}
