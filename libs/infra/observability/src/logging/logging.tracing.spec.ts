import { ROOT_CONTEXT, context, trace } from '@opentelemetry/api';
import { collectSpans } from '../tracing/collect-spans';
import { pipelineTracer } from '../tracing/tracing';
import { createLogging } from './logging';

function capture() {
  const raw: string[] = [];
  const logging = createLogging({ service: 'unit', level: 'info', destination: { write: (chunk: string) => void raw.push(...chunk.split('\n').filter(Boolean)) } });
  return { logging, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('log lines and traces', () => {
  it('name the trace and span in progress when tracing is on, and keep each line\'s own fields apart', async () => {
    const collected = collectSpans();
    const { logging, lines } = capture();
    const span = pipelineTracer().startSpan('work');
    context.with(trace.setSpan(ROOT_CONTEXT, span), () => logging.nest.log('inside', 'Handler'));
    logging.nest.log('outside', 'Other');
    span.end();
    await collected.finish();
    const { traceId, spanId } = span.spanContext();
    expect(lines()).toEqual([
      expect.objectContaining({ msg: 'inside', context: 'Handler', trace_id: traceId, span_id: spanId }),
      expect.not.objectContaining({ trace_id: expect.anything() }),
    ]);
    expect(lines()[1]).toMatchObject({ msg: 'outside', context: 'Other' });
  });

  it('carry no trace fields when tracing is off', () => {
    const { logging, lines } = capture();
    logging.nest.log('line', 'Handler');
    expect(Object.keys(lines()[0])).not.toContain('trace_id');
  });
});
