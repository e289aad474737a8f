import { classifyBatch } from '../classifier/training/batch-classification';
import { EnsembleClassifier } from '../classifier/ensemble-classifier';
import { evaluate, formatReport, type LabeledComplaint } from '../classifier/training/evaluation';
import { crossValidate, trainingSetHash } from '../classifier/training/model-training';
import { shippedModel } from '../classifier/shipped-model';
import { parseOptions, readLabeledComplaints, resolvePath, UsageError, type CliContext } from './cli-io';

const USAGE = 'usage: npm run classify:eval -- --in FILE.jsonl [--json]';

/**
 * `classify:eval --in FILE.jsonl [--json]`. On the set the shipped model was
 * trained on (recognised by its hash) the figures come from 5-fold
 * cross-validation; on any other labeled file, from the shipped model.
 */
export function run(argv: readonly string[], ctx: CliContext): number {
  const options = parseOptions(argv, { in: 'string', json: 'flag' });
  if (typeof options['in'] !== 'string') throw new UsageError(USAGE);
  const tickets = readLabeledComplaints(resolvePath(ctx.cwd, options['in']));
  const report = evaluateFile(tickets);
  ctx.out(options['json'] ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return 0;
}

export function evaluateFile(tickets: readonly LabeledComplaint[]) {
  const model = shippedModel();
  const asTraining = tickets.map((t) => ({ ...t, labels: { ...t.labels } }));
  if (trainingSetHash(asTraining) === model.trainingSet.sha256) {
    const cv = crossValidate(asTraining);
    const { rows, results } = classifyBatch(tickets, (_, i) => cv.predictions[i]);
    const full = classifyBatch(tickets, (_, i) => cv.fullLexiconPredictions[i]);
    const withFull = evaluate(tickets, full.rows, full.results, { mode: 'cross-validation', modelVersion: model.version });
    const note =
      'The lexicon was written with the public tickets in view; in the figures above each fold uses only the lexicon terms that occur in its training folds.\n' +
      `With the whole lexicon in every fold: category ${fix(withFull.category.value)}, enforceable ${fix(withFull.enforceable.value)}, ` +
      `urgent recall ${fix(withFull.urgent.recall.value)}, urgent precision ${fix(withFull.urgent.precision.value)}.`;
    return evaluate(tickets, rows, results, { mode: 'cross-validation', modelVersion: model.version, notes: [note] });
  }
  const classifier = new EnsembleClassifier(model);
  const { rows, results } = classifyBatch(tickets, (c) => classifier.classify(c));
  return evaluate(tickets, rows, results, { mode: 'shipped-model', modelVersion: model.version });
}

function fix(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}
