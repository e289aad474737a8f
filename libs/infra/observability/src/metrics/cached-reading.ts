/**
 * A reading that is expensive (a store query) taken at most once per
 * `ttlMs`, however often Prometheus scrapes and however many scrape at once.
 * A failed reading keeps the last good one (undefined before any), so a
 * store outage never fails the scrape; the staleness shows in the gauges
 * no longer moving, and readiness reports the store.
 */
export function cachedReading<T>(ttlMs: number, read: () => Promise<T>, now: () => number = Date.now): () => Promise<T | undefined> {
  let last: T | undefined;
  let takenAt = -Infinity;
  let inFlight: Promise<T | undefined> | null = null;
  return () => {
    if (now() - takenAt < ttlMs) return Promise.resolve(last);
    inFlight ??= read()
      .then(
        (value) => {
          last = value;
          takenAt = now();
          return value;
        },
        () => last,
      )
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
}
