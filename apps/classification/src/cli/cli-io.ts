import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseComplaintLines, type BatchComplaint } from '../classifier/training/batch-classification';
import type { LabeledComplaint } from '../classifier/training/evaluation';

/** What a command gets from its wrapper in tools/classify: where it runs and where to write. */
export interface CliContext {
  /** Repository root: data and model paths are resolved from it. */
  root: string;
  /** The directory the command was started in: --in is resolved from it. */
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Relative to the repository root: the labeled public tickets and the shipped model. */
export const PUBLIC_COMPLAINTS = 'libs/reference-data/src/data/complaints.public.jsonl';
export const MODEL_PATH = 'apps/classification/model/model.json';

/** `--name value`, `--name=value` and `--flag` options (node:util parseArgs, strict); anything else is an error. */
export function parseOptions(argv: readonly string[], spec: Record<string, 'string' | 'flag'>): Record<string, string | boolean> {
  const options = Object.fromEntries(Object.entries(spec).map(([name, kind]) => [name, { type: kind === 'flag' ? 'boolean' : 'string' } as const]));
  try {
    return { ...parseArgs({ args: [...argv], options, strict: true }).values } as Record<string, string | boolean>;
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const arg = /'([^' ]+)/.exec((err as Error).message)?.[1];
    if (!code.startsWith('ERR_PARSE_ARGS_') || !arg) throw err;
    if (code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`unknown argument ${arg}`);
    throw new UsageError(spec[arg.replace(/^-+/, '')] === 'flag' ? `${arg} takes no value` : `${arg} needs a value`);
  }
}

export class UsageError extends Error {}

export function resolvePath(base: string, path: string): string {
  return isAbsolute(path) ? path : join(base, path);
}

export function readComplaints(ctx: CliContext, path: string): BatchComplaint[] {
  return parseComplaintLines(readFileSync(resolvePath(ctx.cwd, path), 'utf8'));
}

/** Reads a labeled file; every line must carry labels. */
export function readLabeledComplaints(file: string): LabeledComplaint[] {
  const tickets = parseComplaintLines<LabeledComplaint>(readFileSync(file, 'utf8'));
  tickets.forEach((t, i) => {
    if (!t.labels || typeof t.labels.category !== 'string') throw new UsageError(`${file}: ticket ${i + 1} (${t.id}) has no labels`);
  });
  return tickets;
}
