// The targets, measured as classify:eval measures them on the public
// set: 5-fold cross-validation of the whole training procedure, each fold's
// lexicon restricted to the terms found in its training folds.
import { readPublicComplaints } from '@pipeline/reference-data';
import { classifyBatch } from './batch-classification';
import { evaluate, TARGETS } from './evaluation';
import { crossValidate } from './model-training';

describe('EnsembleClassifier, 5-fold cross-validation on complaints.public.jsonl', () => {
  const tickets = readPublicComplaints();
  const cv = crossValidate(tickets);
  const { rows, results } = classifyBatch(tickets, (_, i) => cv.predictions[i]);
  const report = evaluate(tickets, rows, results, { mode: 'cross-validation', modelVersion: 'cv' });

  beforeAll(() => {
    console.log(report.targets.map((t) => `${t.name} ${t.value?.toFixed(3)}`).join(', '));
  });

  it('meets the category, enforceable and urgent targets', () => {
    expect(report.category.value).toBeGreaterThanOrEqual(TARGETS.category);
    expect(report.enforceable.value).toBeGreaterThanOrEqual(TARGETS.enforceable);
    expect(report.urgent.recall.value).toBeGreaterThanOrEqual(TARGETS.urgentRecall);
    expect(report.urgent.precision.value).toBeGreaterThanOrEqual(TARGETS.urgentPrecision);
  });

  it('meets the place targets with and without coordinates', () => {
    expect(report.place.withCoordinates.value).toBeGreaterThanOrEqual(TARGETS.placeWithCoordinates);
    expect(report.place.fromText.value).toBeGreaterThanOrEqual(TARGETS.placeFromText);
  });
});
