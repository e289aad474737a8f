import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingEnv } from '@pipeline/config';

/** What a service holds after `startTracing`: whether spans are recorded, and how to flush them. */
export interface Tracing {
  readonly enabled: boolean;
  /** Exports the spans still buffered and stops recording (on shutdown). */
  shutdown(): Promise<void>;
}

export interface TracingSettings {
  serviceName: string;
  /** Where OTLP/HTTP JSON goes: the full traces URL. */
  tracesUrl: string;
}

/** Builds the exporter; tests hand in an in-memory one. */
export type ExporterFactory = (settings: TracingSettings) => SpanExporter;

const otlpExporter: ExporterFactory = ({ tracesUrl }) => new OTLPTraceExporter({ url: tracesUrl });

const OFF: Tracing = { enabled: false, shutdown: async () => undefined };

let current: Tracing = OFF;

/**
 * What the environment asks for: null (tracing off) unless an OTLP endpoint
 * is set and the SDK is not disabled. A traces endpoint is used as given; the
 * general endpoint gets the signal path, as the OTLP exporter specification says.
 */
export function tracingSettings(serviceName: string, env: TracingEnv): TracingSettings | null {
  if (env.OTEL_SDK_DISABLED) return null;
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT && `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  return tracesUrl ? { serviceName: env.OTEL_SERVICE_NAME ?? serviceName, tracesUrl } : null;
}

/**
 * Starts tracing for this process, once, before the app is created. Off (the
 * default), nothing is registered: the OpenTelemetry API stays on its no-op
 * tracer, propagator and context manager, and the helpers of this library
 * return at their first line. On, a tracer provider with the service's name
 * exports batches of spans over OTLP/HTTP, contexts follow async calls
 * (AsyncLocalStorage), and W3C trace context is what crosses processes.
 */
export function startTracing(serviceName: string, env: TracingEnv, createExporter: ExporterFactory = otlpExporter): Tracing {
  if (current.enabled) return current;
  const settings = tracingSettings(serviceName, env);
  if (!settings) return OFF;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor(createExporter(settings))],
  });
  // baggage is left out on purpose: it would carry arbitrary caller-set data between services
  provider.register({ propagator: new W3CTraceContextPropagator() });
  current = {
    enabled: true,
    shutdown: async () => {
      current = OFF;
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
  return current;
}

/** True once `startTracing` found an endpoint; the helpers skip all work while false. */
export function isTracingEnabled(): boolean {
  return current.enabled;
}

/** Flushes and stops the tracing of this process (no-op when off). */
export function stopTracing(): Promise<void> {
  return current.shutdown();
}

/** The tracer every span of this codebase is started with. */
export function pipelineTracer() {
  return trace.getTracer('@pipeline/tracing');
}
