import { ClsServiceManager } from 'nestjs-cls';

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

const KEYS = ['correlationId', 'eventId', 'topic'] as const;

// One nestjs-cls context per unit of work: an HTTP request (the http lib's
// correlation middleware opens it) or a consumed event (the Kafka pipeline);
// the logger reads it on every line. Opened through ClsService.run, not
// nestjs-cls's middleware: that one needs ClsModule initialised in the app,
// and the request context must exist ahead of every Nest middleware.
const cls = () => ClsServiceManager.getClsService();

/** Runs `fn` (and everything it awaits) in a context of its own, with `context` on every log line. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return cls().run(() => {
    setLogContext(context);
    return fn();
  });
}

function setLogContext(context: LogContext): void {
  for (const key of KEYS) if (context[key] !== undefined) cls().set(key, context[key]);
}

/** The context of the work in progress, if any. */
export function currentLogContext(): LogContext | undefined {
  const store = cls();
  if (!store.isActive()) return undefined;
  const context: LogContext = {};
  for (const key of KEYS) {
    const value = store.get<string | undefined>(key);
    if (value !== undefined) context[key] = value;
  }
  return context;
}
