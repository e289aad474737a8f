import { parseArgs } from 'node:util';
import type { ReplayOptions } from './replay';

/** What the operator must fix: printed alone (no stack), with the exit code; usage errors show the usage too. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
    readonly withUsage = exitCode === 2,
  ) {
    super(message);
  }
}

export const USAGE = [
  '用法：npm run dlq:replay -- <主题> [--dry-run] [--limit N]',
  '  <主题>       逻辑主题名，如 complaints.classified.v1（读取其死信主题 <主题>.dlq）',
  '  --dry-run    只列出将要重放的死信，不发送，也不提交位点',
  '  --limit N    本次最多重放 N 条',
  '环境变量：KAFKA_BROKERS（默认 127.0.0.1:9092）、KAFKA_TOPIC_PREFIX（默认为空）',
].join('\n');

/** The command line as options; a usage error names what is wrong. */
export function parseCommandLine(argv: string[]): Omit<ReplayOptions, 'brokers' | 'prefix'> | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { 'dry-run': { type: 'boolean' }, limit: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    const option = /'(-{1,2}[^' =]+)/.exec((err as Error).message)?.[1] ?? '';
    if ((err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CommandError(`未知选项 ${option}`);
    if (option === '--limit') throw new CommandError('--limit 须为正整数，收到 ""');
    throw new CommandError(`选项 ${option} 不带取值`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (limit !== Infinity && (!Number.isInteger(limit) || limit < 1)) throw new CommandError(`--limit 须为正整数，收到 "${values.limit}"`);
  if (positionals.length > 1) throw new CommandError(`只能指定一个主题，多余的参数：${positionals.slice(1).join(' ')}`);
  if (!positionals.length) throw new CommandError('缺少主题名');
  const topic = positionals[0].replace(/\.dlq$/, '');
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(topic)) throw new CommandError(`主题名无效："${topic}"（逻辑主题名，如 complaints.classified.v1）`, 2, false);
  return { topic, dryRun: values['dry-run'] === true, limit };
}
