import { context, trace } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import { TracingEnv, validateEnv } from '@pipeline/config';
import { collectSpans } from './collect-spans';
import { captureTraceContext } from './trace-context';
import { isTracingEnabled, pipelineTracer, startTracing, tracingSettings } from './tracing';

const env = (raw: Record<string, string> = {}) => validateEnv(TracingEnv, raw);

describe('tracingSettings', () => {
  it('is off without an OTLP endpoint', () => {
    expect(tracingSettings('classification', env())).toBeNull();
  });

  it('is off when the SDK is disabled, endpoint or not', () => {
    expect(tracingSettings('classification', env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }))).toBeNull();
  });

  it('sends to <endpoint>/v1/traces, named after the service unless OTEL_SERVICE_NAME says otherwise', () => {
    expect(tracingSettings('classification', env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }))).toEqual({
      serviceName: 'classification',
      tracesUrl: 'http://collector:4318/v1/traces',
    });
    expect(tracingSettings('classification', env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'classification-canary' }))?.serviceName).toBe(
      'classification-canary',
    );
  });

  it('takes a traces endpoint as it is, over the general one', () => {
    const settings = tracingSettings('gateway', env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b/otlp/traces' }));
    expect(settings?.tracesUrl).toBe('https://b/otlp/traces');
  });
});

describe('startTracing', () => {
  const exporterFactory = () => jest.fn((): SpanExporter => ({ export: (_spans, done) => done({ code: 0 }), shutdown: async () => undefined }));

  it('creates no exporter and records nothing without the env', async () => {
    const createExporter = exporterFactory();
    const tracing = startTracing('classification', env(), createExporter);
    expect(tracing.enabled).toBe(false);
    expect(isTracingEnabled()).toBe(false);
    expect(createExporter).not.toHaveBeenCalled();
    // the API's no-op tracer: spans record nothing and carry nothing onward
    const span = pipelineTracer().startSpan('work');
    expect(span.isRecording()).toBe(false);
    expect(span.spanContext().traceId).toBe('0'.repeat(32));
    expect(captureTraceContext(trace.setSpan(context.active(), span))).toBeUndefined();
    await tracing.shutdown();
  });

  it('exports to the configured URL once on, and only one provider per process', async () => {
    const createExporter = exporterFactory();
    const tracing = startTracing('classification', env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }), createExporter);
    try {
      expect(tracing.enabled).toBe(true);
      expect(createExporter).toHaveBeenCalledWith({ serviceName: 'classification', tracesUrl: 'http://collector:4318/v1/traces' });
      expect(startTracing('other', env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://elsewhere:4318' }), createExporter)).toBe(tracing);
      expect(createExporter).toHaveBeenCalledTimes(1);
      expect(pipelineTracer().startSpan('work').isRecording()).toBe(true);
    } finally {
      await tracing.shutdown();
    }
    expect(isTracingEnabled()).toBe(false);
  });

  it('names the spans after the service', async () => {
    const collected = collectSpans('complaint-intake');
    pipelineTracer().startSpan('work').end();
    const [span] = await collected.finish();
    expect(span.resource.attributes['service.name']).toBe('complaint-intake');
  });
});
