import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { TracingEnv } from '@pipeline/config';
import { startTracing } from './tracing';

/** The env that turns tracing on; the endpoint is never called (the exporter is replaced). */
export const TRACING_ON: TracingEnv = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_SDK_DISABLED: false };

/** Keeps what it is given; unlike the SDK's in-memory exporter it keeps it after shutdown too. */
class CollectingExporter implements SpanExporter {
  readonly spans: ReadableSpan[] = [];
  export(spans: ReadableSpan[], done: (result: { code: ExportResultCode }) => void): void {
    this.spans.push(...spans);
    done({ code: ExportResultCode.SUCCESS });
  }
  async shutdown(): Promise<void> {
    // nothing to release
  }
}

/**
 * Real tracing, in this process, into memory (for tests): `finish()` flushes, stops
 * tracing (so the next test starts from off) and returns every ended span.
 */
export function collectSpans(serviceName = 'test'): { finish: () => Promise<ReadableSpan[]> } {
  const exporter = new CollectingExporter();
  const tracing = startTracing(serviceName, TRACING_ON, () => exporter);
  if (!tracing.enabled) throw new Error('tracing did not start');
  return {
    finish: async () => {
      await tracing.shutdown();
      return exporter.spans;
    },
  };
}
