/**
 * How the learned model and the lexicon are combined. Pure arithmetic shared
 * by the classifier and the trainer, so the weights chosen by cross-validation
 * are applied exactly as they were measured.
 *
 * Category: score_c = model · (naive Bayes log2 odds of c) + lexicon · (lexicon
 * score of c); the confidence is the softmax of the scores. Enforceable and
 * urgent: logit = model · (naive Bayes log2 odds) + lexicon · (lexicon
 * log-odds) + bias; the judgement is logit ≥ 0, its confidence the sigmoid.
 */
export interface CategoryWeights {
  model: number;
  lexicon: number;
}

export interface BinaryWeights {
  model: number;
  lexicon: number;
  bias: number;
}

export interface EnsembleWeights {
  category: CategoryWeights;
  enforceable: BinaryWeights;
  urgent: BinaryWeights;
  /** Below this category confidence the result is flagged for review. */
  reviewBelow: number;
}

/** Softmax over the combined scores; all-equal scores (no evidence at all) give a flat distribution. */
export function categoryProbabilities(modelOdds: readonly number[], lexiconScores: readonly number[], w: CategoryWeights): number[] {
  const scores = modelOdds.map((odds, c) => w.model * odds + w.lexicon * lexiconScores[c]);
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

export function binaryLogit(modelOdds: number, lexiconLogOdds: number, w: BinaryWeights): number {
  return w.model * modelOdds + w.lexicon * lexiconLogOdds + w.bias;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Index of the largest value; the first on ties (taxonomy order). */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
