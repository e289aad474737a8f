import { classifyBatch } from '../classifier/training/batch-classification';
import { createShippedClassifier } from '../classifier/shipped-model';
import { parseOptions, readComplaints, UsageError, type CliContext } from './cli-io';

const USAGE = 'usage: npm run classify -- --in FILE.jsonl';

/**
 * `classify --in FILE.jsonl`: one JSON line per complaint, in input order:
 * {"id","category","enforceable","urgent","hotspotAreaId","communityId","repeatOf","confidence"}.
 * Labels in the input are ignored. No broker, no store.
 */
export function run(argv: readonly string[], ctx: CliContext): number {
  const options = parseOptions(argv, { in: 'string' });
  if (typeof options['in'] !== 'string') throw new UsageError(USAGE);
  const complaints = readComplaints(ctx, options['in']);
  const classifier = createShippedClassifier();
  const { rows } = classifyBatch(complaints, (c) => classifier.classify(c));
  // One write: 10,000 small writes to a pipe cost more than the classification.
  ctx.out(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return 0;
}
