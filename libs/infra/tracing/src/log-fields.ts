import { trace } from '@opentelemetry/api';
import { isTracingEnabled } from './tracing';

export interface TraceLogFields {
  trace_id?: string;
  span_id?: string;
}

const NONE: TraceLogFields = Object.freeze({});

/**
 * The trace and span ids of the work in progress, for a log line (a pino
 * mixin), so a log store and a trace viewer can be joined. Nothing when
 * tracing is off or no span is active.
 */
export function traceLogFields(): TraceLogFields {
  if (!isTracingEnabled()) return NONE;
  const span = trace.getActiveSpan();
  if (!span) return NONE;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
