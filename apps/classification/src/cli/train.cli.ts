import { readFileSync, writeFileSync } from 'node:fs';
import { serialiseArtifact } from '../classifier/model-artifact';
import { trainModel } from '../classifier/training/model-training';
import { MODEL_PATH, PUBLIC_COMPLAINTS, parseOptions, readLabeledComplaints, resolvePath, type CliContext } from './cli-io';

/**
 * `classify:train [--in FILE.jsonl] [--also CORRECTIONS.jsonl] [--out FILE] [--check]`:
 * trains on the labeled public tickets (or FILE) and writes the model
 * artifact. `--also` adds clerks' corrections (the export of
 * GET /api/v1/classifications/corrections/export): a corrected ticket's
 * labels replace the original's, new tickets are added. The output is
 * deterministic; --check only compares it with the committed artifact and
 * fails when they differ (for CI: the artifact matches the code and data).
 */
export function run(argv: readonly string[], ctx: CliContext): number {
  const options = parseOptions(argv, { in: 'string', also: 'string', out: 'string', check: 'flag' });
  const input = typeof options['in'] === 'string' ? resolvePath(ctx.cwd, options['in']) : resolvePath(ctx.root, PUBLIC_COMPLAINTS);
  const output = typeof options['out'] === 'string' ? resolvePath(ctx.cwd, options['out']) : resolvePath(ctx.root, MODEL_PATH);
  const tickets = typeof options['also'] === 'string' ? mergeById(readLabeledComplaints(input), readLabeledComplaints(resolvePath(ctx.cwd, options['also']))) : readLabeledComplaints(input);
  const started = Date.now();
  const artifact = trainModel(tickets);
  const content = serialiseArtifact(artifact);
  const summary =
    `${artifact.version}: ${tickets.length} tickets, ${artifact.naiveBayes.tokens.length} tokens, ` +
    `weights ${JSON.stringify(artifact.ensemble)}, out-of-fold ${JSON.stringify(artifact.selection)} (${Date.now() - started} ms)\n`;
  if (options['check']) {
    let current = '';
    try {
      current = readFileSync(output, 'utf8');
    } catch {
      // a missing artifact is simply out of date
    }
    if (current !== content) {
      ctx.err(`${output} is not what training produces now (${summary.trim()}); run node tools/classify/train.mjs\n`);
      return 1;
    }
    ctx.out(`${output} is up to date: ${summary}`);
    return 0;
  }
  writeFileSync(output, content);
  ctx.out(`wrote ${output}\n${summary}`);
  return 0;
}

/** The base tickets with corrections applied by id (a correction wins), new ids appended in their order. */
export function mergeById<T extends { id: string }>(base: readonly T[], corrections: readonly T[]): T[] {
  const byId = new Map(corrections.map((c) => [c.id, c]));
  const merged = base.map((t) => byId.get(t.id) ?? t);
  const known = new Set(base.map((t) => t.id));
  return [...merged, ...corrections.filter((c) => !known.has(c.id))];
}
