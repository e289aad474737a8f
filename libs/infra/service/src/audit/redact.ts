/** Keys whose values never enter the audit log: secrets and callers' personal data. */
const REDACTED_KEYS = new Set(['password', 'newPassword', 'currentPassword', 'caller', 'callerPhone', 'phone', 'name_of_caller', 'api_key', 'apiKey', 'key']);
const MAX_DEPTH = 8;
const MAX_STRING = 2000;

/** A copy of `value` safe to keep: secrets and personal data replaced, long strings cut, depth bounded. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, REDACTED_KEYS.has(k) ? '[已隐去]' : redact(v, depth + 1)]));
}
