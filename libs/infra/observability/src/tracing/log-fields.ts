import { trace } from '@opentelemetry/api';
import { isTracingEnabled } from './tracing';

export interface TraceLogFields {
  trace_id?: string;
  span_id?: string;
}

/**
 * The trace and span ids of the work in progress, for a log line (a pino
 * mixin), so a log store and a trace viewer can be joined. Nothing when
 * tracing is off or no span is active. A new object each call: pino merges
 * the line's own fields into what a mixin returns.
 */
export function traceLogFields(): TraceLogFields {
  const span = isTracingEnabled() ? trace.getActiveSpan() : undefined;
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
