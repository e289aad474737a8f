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

/** `--name value`, `--name=value` and `--flag`; an option not in `spec` is a usage error. */
export function parseCommandLine(argv: readonly string[], spec: Record<string, 'value' | 'flag'>): ParsedCommandLine {
  const parsed: ParsedCommandLine = { positional: [], options: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = spec[name];
    if (!kind) throw new UsageError(`未知参数 ${arg}（可用：${Object.keys(spec).map((o) => `--${o}`).join('、') || '无'}）`);
    if (kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`参数 --${name} 不带取值`);
      parsed.options[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`参数 --${name} 需要一个取值`);
    parsed.options[name] = value;
  }
  return parsed;
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
