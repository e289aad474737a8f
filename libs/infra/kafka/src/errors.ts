/**
 * Thrown by a handler when an event can never be processed (it breaks a
 * business rule): the message goes straight to the dead-letter topic.
 */
export class PermanentEventError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

const TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'PoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoWaitQueueTimeoutError',
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSConnectionClosedError',
  'KafkaJSLockTimeout',
]);

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * MongoDB server errors that pass with time: a write conflict or lock timeout,
 * a primary stepping down or shutting down, a network timeout inside the
 * replica set.
 */
const TRANSIENT_SERVER_CODES = new Set([6, 7, 24, 89, 91, 112, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

/** FerretDB's SQLite backend refuses a write while another holds the database lock. */
const STORE_BUSY = /database is locked|SQLITE_BUSY/;

/**
 * Errors that say "the broker or the store is unreachable right now". They
 * are retried without limit (with backoff) rather than dead-lettered: an
 * outage must delay events, never discard them.
 */
export function isTransientError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: string; code?: string | number; retriable?: boolean; message?: string; errorLabels?: string[]; cause?: unknown };
  if (e.name && TRANSIENT_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) return true;
  if (typeof e.code === 'number' && e.name?.startsWith('Mongo') && TRANSIENT_SERVER_CODES.has(e.code)) return true;
  if (e.name?.startsWith('Mongo') && STORE_BUSY.test(e.message ?? '')) return true;
  if (e.name?.startsWith('KafkaJS') && e.retriable) return true;
  if (e.errorLabels?.includes('RetryableWriteError') || e.errorLabels?.includes('ResetPool')) return true;
  // mongoose queues operations while disconnected and fails them after a timeout
  if (e.name === 'MongooseError' && /buffering timed out|not connected|Client must be connected/i.test(e.message ?? '')) return true;
  return e.cause !== undefined && e.cause !== err && isTransientError(e.cause);
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
