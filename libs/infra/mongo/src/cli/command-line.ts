import { parseArgs } from 'node:util';
import { EnvValidationError } from '@pipeline/config';
import { BackupError } from '../backup/backup-format';
import { MigrationListError } from '../migrations/migration';

/** Bad input to a data command: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const processIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export interface ParsedCommandLine {
  positional: string[];
  options: Record<string, string | true>;
}

/**
 * `--name value`, `--name=value` and `--flag` (node:util parseArgs, strict);
 * an option not in `spec`, a value missing or given to a flag is a usage error.
 */
export function parseCommandLine(argv: readonly string[], spec: Record<string, 'value' | 'flag'>): ParsedCommandLine {
  const options = Object.fromEntries(Object.entries(spec).map(([name, kind]) => [name, { type: kind === 'value' ? 'string' : 'boolean' } as const]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (err) {
    throw usageErrorOf(err, spec);
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === '') throw new UsageError(`参数 --${name} 需要一个取值`);
  }
  return { positional: parsed.positionals, options: { ...(parsed.values as Record<string, string | true>) } };
}

/** parseArgs' English error as the operator's message; its code says which kind, its text names the option. */
function usageErrorOf(err: unknown, spec: Record<string, 'value' | 'flag'>): unknown {
  const code = (err as { code?: string }).code;
  const option = /'(-{1,2}[^' =]+)/.exec((err as Error).message)?.[1];
  if (!code?.startsWith('ERR_PARSE_ARGS_') || !option) return err;
  const name = option.replace(/^-+/, '');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || !spec[name]) {
    return new UsageError(`未知参数 ${option}（可用：${Object.keys(spec).map((o) => `--${o}`).join('、') || '无'}）`);
  }
  return new UsageError(spec[name] === 'flag' ? `参数 --${name} 不带取值` : `参数 --${name} 需要一个取值`);
}

/** Input the operator can fix: exit 2 with the message alone. */
function isBadInput(err: unknown): err is Error {
  return err instanceof UsageError || err instanceof EnvValidationError || err instanceof BackupError || err instanceof MigrationListError;
}

/**
 * Runs a command and turns its outcome into an exit code: 0 done, 2 bad
 * input (usage, environment, damaged backup), 1 anything else (the store
 * unreachable …), each with a one-line Chinese message and no stack trace.
 */
export async function runCommand(prefix: string, io: CommandIo, main: () => Promise<void>): Promise<number> {
  try {
    await main();
    return 0;
  } catch (err) {
    if (isBadInput(err)) {
      io.err(`[${prefix}] ${err.message}`);
      return 2;
    }
    io.err(`[${prefix}] 失败：${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
