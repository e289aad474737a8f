import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
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

/** `--name value` and `--flag` options; anything else is an error. */
export function parseOptions(argv: readonly string[], spec: Record<string, 'string' | 'flag'>): Record<string, string | boolean> {
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.startsWith('--') ? arg.slice(2).split('=')[0] : '';
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown argument ${arg}`);
    if (kind === 'flag') {
      options[name] = true;
    } else if (arg.includes('=')) {
      options[name] = arg.slice(arg.indexOf('=') + 1);
    } else {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      options[name] = value;
    }
  }
  return options;
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
