import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line written while handling one unit of work carries: the
 * correlation id (one complaint's thread through HTTP and every service's
 * consumers) and, inside a consumer, the event being handled.
 */
export interface LogContext {
  correlationId?: string;
  eventId?: string;
  topic?: string;
}

// One store for HTTP requests (libs/infra/http's correlation middleware) and
// consumed events (KafkaEventsTransport); the logger reads it on every line.
const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` (and everything it awaits) with `context` on every log line. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the work in progress, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
