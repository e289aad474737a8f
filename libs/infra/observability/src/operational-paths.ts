/**
 * Paths for machines that watch the service (probes, Prometheus), not for
 * people: no request log line, no rate limit, no HTTP metrics, and never in
 * the public API document.
 */
const OPERATIONAL = /^\/(health|metrics)(\/|$)/;

export function isOperationalPath(path: string): boolean {
  return OPERATIONAL.test(path);
}
