import { readFileSync, writeFileSync } from 'node:fs';
import { serialiseArtifact } from '../classifier/model-artifact';
import { trainModel } from '../classifier/model-training';
import { MODEL_PATH, PUBLIC_COMPLAINTS, parseOptions, readLabeledComplaints, resolvePath, type CliContext } from './cli-io';

/**
 * `classify:train [--in FILE.jsonl] [--out FILE] [--check]`: trains on the
 * labeled public tickets (or FILE) and writes the model artifact. The output
 * is deterministic; --check only compares it with the committed artifact
 * and fails when they differ (for CI: the artifact matches the code and data).
 */
export function run(argv: readonly string[], ctx: CliContext): number {
  const options = parseOptions(argv, { in: 'string', out: 'string', check: 'flag' });
  const input = typeof options['in'] === 'string' ? resolvePath(ctx.cwd, options['in']) : resolvePath(ctx.root, PUBLIC_COMPLAINTS);
  const output = typeof options['out'] === 'string' ? resolvePath(ctx.cwd, options['out']) : resolvePath(ctx.root, MODEL_PATH);
  const tickets = readLabeledComplaints(input);
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
