import { ROOT_CONTEXT, context, propagation, trace, type Context } from '@opentelemetry/api';
import { isTracingEnabled } from './tracing';

/**
 * The W3C trace context as plain strings (`traceparent`, and `tracestate`
 * when there is one): what an outbox entry keeps until its event is
 * published, and what a Kafka message or an HTTP request carries.
 */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
}

/** Header values as kafkajs hands them over. */
type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/**
 * The active context as a carrier, or undefined when there is nothing to
 * carry (tracing off, or no span in progress). Called where an event is
 * created, inside the request or handler that causes it, because the outbox
 * publishes it later, outside that context.
 */
export function captureTraceContext(from: Context = context.active()): TraceCarrier | undefined {
  if (!isTracingEnabled() || !trace.getSpan(from)) return undefined;
  const carrier: Partial<TraceCarrier> = {};
  propagation.inject(from, carrier);
  return carrier.traceparent ? { traceparent: carrier.traceparent, ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}) } : undefined;
}

/** The context a carrier stands for; the root context when there is none (a new trace starts). */
export function contextFromCarrier(carrier: Partial<TraceCarrier> | undefined): Context {
  if (!isTracingEnabled() || !carrier?.traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The trace headers of a Kafka message (absent ones are fine: older producers, other tools). */
export function traceCarrierOfHeaders(headers: RawHeaders | undefined): TraceCarrier | undefined {
  const traceparent = headerText(headers?.traceparent);
  if (!traceparent) return undefined;
  const tracestate = headerText(headers?.tracestate);
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/** The headers that carry `from` to the next process (empty when off). */
export function traceHeaders(from: Context): Record<string, string> {
  return { ...captureTraceContext(from) };
}

function headerText(value: RawHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
