/**
 * Polls `probe` until it stops throwing (expect() inside is fine) and returns
 * its value, or fails with the last error once the deadline passes. Tests
 * wait for async effects with this, never with a fixed sleep.
 */
export async function eventually<T>(probe: () => T | Promise<T>, { timeoutMs = 15_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await probe();
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`eventually: not true after ${timeoutMs} ms: ${reason}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
