import { Logger } from '@nestjs/common';
import { runWithLogContext } from './log-context';
import { createLogging } from './logging';

function capture(level: string) {
  const raw: string[] = [];
  const logging = createLogging({ service: 'unit', level, destination: { write: (chunk: string) => void raw.push(...chunk.split('\n').filter(Boolean)) } });
  return { logging, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogging', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('writes one JSON line per entry: level name, ISO time, service, context and message', () => {
    const { logging, lines } = capture('info');
    logging.nest.log('投诉已受理', 'ComplaintService');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), service: 'unit', context: 'ComplaintService', msg: '投诉已受理' }),
    ]);
  });

  it('takes its level from LOG_LEVEL: nothing below it is written, silent writes nothing', () => {
    const warn = capture('warn');
    warn.logging.nest.log('info line', 'X');
    warn.logging.nest.debug?.('debug line', 'X');
    warn.logging.nest.warn('warn line', 'X');
    warn.logging.nest.error('error line', undefined, 'X');
    expect(warn.lines().map((l) => [l.level, l.msg])).toEqual([['warn', 'warn line'], ['error', 'error line']]);

    const silent = capture('silent');
    silent.logging.nest.error('error line', undefined, 'X');
    expect(silent.lines()).toEqual([]);
  });

  it('adds the correlation id (and event) of the work in progress, and nothing outside it', async () => {
    const { logging, lines } = capture('info');
    await runWithLogContext({ correlationId: 'corr-unit-0001', eventId: 'e-1', topic: 'complaints.received.v1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logging.nest.log('inside', 'Handler');
    });
    logging.nest.log('outside', 'Handler');
    expect(lines()[0]).toMatchObject({ msg: 'inside', correlationId: 'corr-unit-0001', eventId: 'e-1', topic: 'complaints.received.v1' });
    expect(lines()[1]).not.toHaveProperty('correlationId');
  });

  it('understands how Nest’s Logger passes errors: stack and context after the message, or an Error itself', () => {
    const { logging, lines } = capture('info');
    Logger.overrideLogger(logging.nest);
    const logger = new Logger('HTTP');
    logger.error('GET /x → 500');
    logger.error('处理失败', 'Error: boom\n    at handler (file.ts:1:1)');
    logger.error(new Error('存储不可用'));
    logger.log({ msg: '已处理', durationMs: 12 });
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'error', context: 'HTTP', msg: 'GET /x → 500' }),
      expect.objectContaining({ level: 'error', context: 'HTTP', msg: '处理失败', err: expect.objectContaining({ message: '处理失败', stack: 'Error: boom\n    at handler (file.ts:1:1)' }) }),
      expect.objectContaining({ level: 'error', context: 'HTTP', msg: '存储不可用', err: expect.objectContaining({ type: 'Error', message: '存储不可用', stack: expect.any(String) }) }),
      expect.objectContaining({ level: 'info', context: 'HTTP', msg: '已处理', durationMs: 12 }),
    ]);
    expect(lines()[0]).not.toHaveProperty('stack');
    expect(lines()[0]).not.toHaveProperty('err');
  });
});
