import { createHash } from 'node:crypto';
import { CATEGORY_CODES } from '@pipeline/contracts';
import type { PublicComplaint } from '@pipeline/reference-data';
import { normalise } from '../../text/normalise';
import type { Classification } from '../complaint-classifier';
import { argmax, binaryLogit, categoryProbabilities, sigmoid, type BinaryWeights, type CategoryWeights, type EnsembleWeights } from '../ensemble';
import { EnsembleClassifier, MIN_MODEL_EVIDENCE } from '../ensemble-classifier';
import { KeywordClassifier, lexiconTerms, lexiconText } from '../keyword-classifier';
import { buildArtifact, type ModelArtifact, type ModelHeads } from '../model-artifact';
import { NaiveBayesScorer } from '../naive-bayes';
import { PlaceLocator } from '../place-locator';
import { DEFAULT_FEATURE_CONFIG, TextFeaturiser, type FeatureConfig } from '../text-features';
import { CV_FOLDS, CV_SEED, stratifiedGroupFolds } from './cross-validation';
import { trainNaiveBayes } from './naive-bayes-training';
import { SIDE_ISSUES, perturb } from './perturbations';

/** A ticket in the shape of complaints.public.jsonl, labels included. */
export type LabeledTicket = Pick<PublicComplaint, 'id' | 'text' | 'address' | 'location' | 'labels'> & { reportedAt?: string };

/**
 * Additive smoothing of the naive Bayes likelihoods. 0.5 rather than
 * Laplace's 1 (which washes out the few tickets of small categories) and not
 * lower (which trusts tokens seen in one or two tickets too much); CV on the
 * public set put 0.1–0.5 level, and the larger value is the safer on new
 * writing.
 */
export const DEFAULT_SMOOTHING = 0.5;

/**
 * Category confidence below which a person confirms the result. At 0.6 the
 * out-of-fold results below it are right about half the time and those
 * above it almost always (see the review line of classify:eval).
 */
export const REVIEW_BELOW = 0.6;

export interface TrainingOptions {
  features?: FeatureConfig;
  smoothing?: number;
  folds?: number;
  seed?: number;
  /** Shared helpers, so cross-validation builds them once. */
  places?: PlaceLocator;
  featuriser?: TextFeaturiser;
  tokenCache?: Map<string, string[]>;
}

/** sha256 over what training reads of each ticket, in file order. */
export function trainingSetHash(tickets: readonly LabeledTicket[]): string {
  const hash = createHash('sha256');
  for (const t of tickets) {
    hash.update(`${JSON.stringify([t.id, t.text, t.address, t.location, t.labels.category, t.labels.enforceable, t.labels.urgent])}\n`);
  }
  return hash.digest('hex');
}

/**
 * Trains the shipped model: naive Bayes heads for category, enforceable and
 * urgent on all tickets, and the ensemble weights chosen on out-of-fold
 * scores of a k-fold cross-validation over the same tickets (the held-out
 * fold's scores come from a model and a lexicon that never saw it).
 * Deterministic: the same tickets give the same artifact, byte for byte.
 */
export function trainModel(tickets: readonly LabeledTicket[], options: TrainingOptions = {}): ModelArtifact {
  const ctx = context(options);
  const all = tickets.map((_, i) => i);
  const folds = stratifiedGroupFolds(foldItems(tickets), ctx.folds, ctx.seed);
  const rows = outOfFoldRows(tickets, ctx, all, folds);
  const { weights, selection } = chooseWeights(rows, tickets);
  const heads = fitHeads(tickets, ctx, all);
  return buildArtifact(
    { trainingSet: { sha256: trainingSetHash(tickets), tickets: tickets.length }, features: ctx.features, ensemble: weights, selection },
    heads,
  );
}

export interface CrossValidation {
  /** Fold of each ticket, in input order. */
  folds: number[];
  /** Held-out predictions, lexicon restricted to the terms that occur in the training folds. */
  predictions: Classification[];
  /** Held-out predictions with the whole lexicon (which was written with all public tickets in view). */
  fullLexiconPredictions: Classification[];
}

/**
 * k-fold cross-validation of the whole training procedure (stratified by
 * category, grouped by incident, fixed seed): for each fold, a model is
 * trained on the other folds exactly as the shipped one is (with its own
 * inner cross-validation for the weights) and classifies the held-out fold.
 */
export function crossValidate(tickets: readonly LabeledTicket[], options: TrainingOptions = {}): CrossValidation {
  const ctx = context(options);
  const folds = stratifiedGroupFolds(foldItems(tickets), ctx.folds, ctx.seed);
  const predictions = new Array<Classification>(tickets.length);
  const fullLexiconPredictions = new Array<Classification>(tickets.length);
  const fullLexicon = new KeywordClassifier(ctx.places);
  for (let f = 0; f < ctx.folds; f++) {
    const train = tickets.filter((_, i) => folds[i] !== f);
    const artifact = trainModel(train, { ...options, places: ctx.places, featuriser: ctx.featuriser, tokenCache: ctx.tokenCache });
    const shared = { places: ctx.places, featuriser: ctx.featuriser };
    const honest = new EnsembleClassifier(artifact, { ...shared, lexicon: restrictedLexicon(train, ctx.places) });
    const full = new EnsembleClassifier(artifact, { ...shared, lexicon: fullLexicon });
    tickets.forEach((t, i) => {
      if (folds[i] !== f) return;
      const input = { text: t.text, address: t.address, location: t.location };
      predictions[i] = honest.classify(input);
      fullLexiconPredictions[i] = full.classify(input);
    });
  }
  return { folds, predictions, fullLexiconPredictions };
}

/**
 * The lexicon without the terms that never occur in the given tickets: what
 * the lexicon could have been had its author seen only them.
 */
export function restrictedLexicon(seen: readonly LabeledTicket[], places: PlaceLocator): KeywordClassifier {
  const texts = seen.map((t) => normalise(lexiconText(t)));
  const kept = new Set(lexiconTerms().filter((term) => texts.some((text) => text.includes(term))));
  return new KeywordClassifier(places, { keepTerm: (term) => kept.has(term) });
}

interface Context {
  features: FeatureConfig;
  smoothing: number;
  folds: number;
  seed: number;
  places: PlaceLocator;
  featuriser: TextFeaturiser;
  tokenCache: Map<string, string[]>;
}

function context(options: TrainingOptions): Context {
  const features = options.features ?? DEFAULT_FEATURE_CONFIG;
  const featuriser = options.featuriser && JSON.stringify(options.featuriser.config) === JSON.stringify(features) ? options.featuriser : new TextFeaturiser(features);
  return {
    features,
    smoothing: options.smoothing ?? DEFAULT_SMOOTHING,
    folds: options.folds ?? CV_FOLDS,
    seed: options.seed ?? CV_SEED,
    places: options.places ?? new PlaceLocator(),
    featuriser,
    tokenCache: options.tokenCache ?? new Map(),
  };
}

function foldItems(tickets: readonly LabeledTicket[]) {
  return tickets.map((t) => ({ id: t.id, category: t.labels.category, repeatOf: t.labels.repeatOf }));
}

function tokensOf(ticket: LabeledTicket, ctx: Context): string[] {
  const key = `${ticket.id}\u0000${ticket.text}\u0000${ticket.address ?? ''}`;
  let tokens = ctx.tokenCache.get(key);
  if (!tokens) {
    tokens = ctx.featuriser.tokens(ticket.text, ticket.address);
    ctx.tokenCache.set(key, tokens);
  }
  return tokens;
}

/** The three naive Bayes heads on the given tickets, over the tokens found in enough of them. */
function fitHeads(tickets: readonly LabeledTicket[], ctx: Context, indices: readonly number[]): ModelHeads {
  const documents = indices.map((i) => tokensOf(tickets[i], ctx));
  const frequency = new Map<string, number>();
  for (const doc of documents) for (const token of doc) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  const kept = documents.map((doc) => doc.filter((token) => (frequency.get(token) ?? 0) >= ctx.features.minDocumentFrequency));
  const target = (pick: (t: LabeledTicket) => string) => indices.map((i) => pick(tickets[i]));
  return {
    category: trainNaiveBayes(kept, target((t) => t.labels.category), CATEGORY_CODES, ctx.smoothing),
    enforceable: trainNaiveBayes(kept, target((t) => String(t.labels.enforceable)), ['true', 'false'], ctx.smoothing),
    urgent: trainNaiveBayes(kept, target((t) => String(t.labels.urgent)), ['true', 'false'], ctx.smoothing),
  };
}

/** What the ensemble combines, for one held-out ticket. */
interface ScoreRow {
  index: number;
  /** Share of the selection objective: the original tickets count half, their rewrites the other half. */
  weight: number;
  original: boolean;
  known: number;
  modelCategory: number[];
  modelEnforceable: number;
  modelUrgent: number;
  lexiconCategory: number[];
  /** The lexicon's enforceable log-odds under each category (the category is decided first). */
  lexiconEnforceable: number[];
  lexiconUrgent: number;
}

function outOfFoldRows(tickets: readonly LabeledTicket[], ctx: Context, indices: readonly number[], folds: readonly number[]): ScoreRow[] {
  const rows: ScoreRow[] = [];
  for (let f = 0; f < ctx.folds; f++) {
    const train = indices.filter((i) => folds[i] !== f);
    const test = indices.filter((i) => folds[i] === f);
    if (test.length === 0) continue;
    const heads = fitHeads(tickets, ctx, train);
    const category = new NaiveBayesScorer(heads.category);
    const enforceable = new NaiveBayesScorer(heads.enforceable);
    const urgent = new NaiveBayesScorer(heads.urgent);
    const lexicon = restrictedLexicon(
      train.map((i) => tickets[i]),
      ctx.places,
    );
    for (const i of test) {
      const t = tickets[i];
      const others = tickets.filter((o) => o.labels.category !== t.labels.category).map((o) => o.text);
      const sideIssues = Object.entries(SIDE_ISSUES).filter(([c]) => c !== t.labels.category).map(([, text]) => text);
      const variants = [
        { text: t.text, tokens: tokensOf(t, ctx), weight: 1 / 2, original: true },
        ...SELECTION_PERTURBATIONS.map((name, k) => {
          const text = perturb(name, t.text, ctx.seed + i + 100_000 * (k + 1), name === 'second issue in passing' ? sideIssues : others);
          return { text, tokens: ctx.featuriser.tokens(text, t.address), weight: 1 / 2 / SELECTION_PERTURBATIONS.length, original: false };
        }),
      ];
      for (const v of variants) {
        const text = lexiconText({ text: v.text, address: t.address });
        const scored = category.score(v.tokens);
        rows.push({
          index: i,
          weight: v.weight,
          original: v.original,
          known: scored.known,
          modelCategory: scored.odds,
          modelEnforceable: enforceable.score(v.tokens).odds[0],
          modelUrgent: urgent.score(v.tokens).odds[0],
          lexiconCategory: lexicon.categoryScores(text).map((sc) => sc.score),
          lexiconEnforceable: CATEGORY_CODES.map((code) => lexicon.enforceableEvidence(text, code).logOdds),
          lexiconUrgent: lexicon.urgentEvidence(text).logOdds,
        });
      }
    }
  }
  // Stable: a ticket's original row stays before its rewrites.
  return rows.sort((a, b) => a.index - b.index);
}

// Grids of the weight search. Ratios of model to lexicon weight for the
// category (Infinity: model alone); plain weights for the binary judgements.
const CATEGORY_RATIOS = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, Infinity];
const TEMPERATURES = Array.from({ length: 30 }, (_, i) => Math.round(0.02 * Math.pow(1.25, i) * 10000) / 10000);
const MODEL_WEIGHTS = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
const LEXICON_WEIGHTS = [0, 0.25, 0.5, 0.75, 1, 1.5];
const BIASES = Array.from({ length: 25 }, (_, i) => -3 + i * 0.25);
/**
 * Rewrites of each held-out ticket that also count when the weights are
 * chosen (half of the objective): weights that only fit the public tickets'
 * wording lose there. Synthetic, and decided before looking at any figure
 * of the other-styles fixture.
 */
const SELECTION_PERTURBATIONS = ['three typos', 'second issue in passing', 'unrelated sentence after'];
/**
 * Urgent: the threshold favours recall as long as out-of-fold precision stays
 * at least this (then 0.8). 0.85 rather than 0.9: in cross-validation it buys
 * one more urgent ticket in 48 for six false alarms, the trade the issue asks for.
 */
const URGENT_PRECISION_FLOORS = [0.85, 0.8];

function chooseWeights(rows: readonly ScoreRow[], tickets: readonly LabeledTicket[]): { weights: EnsembleWeights; selection: Record<string, number> } {
  const truth = rows.map((r) => CATEGORY_CODES.indexOf(tickets[r.index].labels.category as (typeof CATEGORY_CODES)[number]));

  const weightOf = rows.map((r) => r.weight);
  const weighted = (values: readonly number[]) => values.reduce((sum, v, i) => sum + v * weightOf[i], 0) / weightOf.reduce((a, b) => a + b, 0);
  const originalOnly = (values: readonly number[]) => mean(values.filter((_, i) => rows[i].original));

  // Category: the ratio by accuracy (ties: more weight on the model), then the temperature by log-loss.
  let bestRatio = { ratio: 0, accuracy: -1, originalAccuracy: 0 };
  for (const ratio of CATEGORY_RATIOS) {
    const w = ratioWeights(ratio, 1);
    const right = rows.map((r, i) => (predictCategory(r, w).index === truth[i] ? 1 : 0));
    const accuracy = weighted(right);
    if (accuracy >= bestRatio.accuracy) bestRatio = { ratio, accuracy, originalAccuracy: originalOnly(right) };
  }
  let category = ratioWeights(bestRatio.ratio, TEMPERATURES[0]);
  let bestLoss = Infinity;
  for (const t of TEMPERATURES) {
    const w = ratioWeights(bestRatio.ratio, t);
    const loss = weighted(rows.map((r, i) => -Math.log(Math.max(predictCategory(r, w).p[truth[i]], 1e-12))));
    if (loss < bestLoss) {
      bestLoss = loss;
      category = w;
    }
  }
  const predicted = rows.map((r) => predictCategory(r, category).index);

  // Enforceable: accuracy, ties by log-loss.
  const enforceableTruth = rows.map((r) => tickets[r.index].labels.enforceable);
  let enforceable: BinaryWeights = { model: 0, lexicon: 1, bias: 0 };
  let best = { accuracy: -1, loss: Infinity, originalAccuracy: 0 };
  for (const model of MODEL_WEIGHTS) {
    for (const lexicon of LEXICON_WEIGHTS) {
      if (model === 0 && lexicon === 0) continue;
      for (const bias of BIASES) {
        const w = { model, lexicon, bias };
        const right: number[] = [];
        const losses: number[] = [];
        rows.forEach((r, i) => {
          const z = binaryLogit(r.modelEnforceable, r.lexiconEnforceable[predicted[i]], w);
          right.push(z >= 0 === enforceableTruth[i] ? 1 : 0);
          losses.push(-Math.log(Math.max(enforceableTruth[i] ? sigmoid(z) : 1 - sigmoid(z), 1e-12)));
        });
        const accuracy = weighted(right);
        const loss = weighted(losses);
        if (accuracy > best.accuracy || (accuracy === best.accuracy && loss < best.loss)) {
          best = { accuracy, loss, originalAccuracy: originalOnly(right) };
          enforceable = w;
        }
      }
    }
  }

  const urgent = chooseUrgent(rows, rows.map((r) => tickets[r.index].labels.urgent));
  return {
    weights: { category, enforceable, urgent: urgent.weights, reviewBelow: REVIEW_BELOW },
    selection: {
      outOfFoldTickets: rows.length,
      categoryModelToLexiconRatio: bestRatio.ratio === Infinity ? -1 : bestRatio.ratio,
      categoryAccuracy: round(bestRatio.originalAccuracy),
      categoryAccuracyWithRewrites: round(bestRatio.accuracy),
      categoryLogLoss: round(bestLoss),
      enforceableAccuracy: round(best.originalAccuracy),
      enforceableAccuracyWithRewrites: round(best.accuracy),
      urgentRecallWithRewrites: round(urgent.recall),
      urgentPrecisionWithRewrites: round(urgent.precision),
    },
  };
}

function ratioWeights(ratio: number, temperature: number): CategoryWeights {
  return ratio === Infinity ? { model: temperature, lexicon: 0 } : { model: round(ratio * temperature, 6), lexicon: temperature };
}

function predictCategory(r: ScoreRow, w: CategoryWeights): { index: number; p: number[] } {
  if (r.known < MIN_MODEL_EVIDENCE && r.lexiconCategory.every((s) => s <= 0)) {
    const p = new Array<number>(CATEGORY_CODES.length).fill(0);
    const other = CATEGORY_CODES.indexOf('other');
    p[other] = 1;
    return { index: other, p };
  }
  const p = categoryProbabilities(r.modelCategory, r.lexiconCategory, w);
  return { index: argmax(p), p };
}

/**
 * Urgent weights and threshold: for each pair of weights, the threshold with
 * the highest out-of-fold recall whose precision stays above the floor, the
 * boundary put halfway to the next lower score (new writing scores a little
 * lower than the tickets the weights were chosen on). The pair with the best
 * recall, then precision, then log-loss wins.
 */
function chooseUrgent(rows: readonly ScoreRow[], truth: readonly boolean[]): { weights: BinaryWeights; recall: number; precision: number } {
  const positives = rows.reduce((sum, r, i) => sum + (truth[i] ? r.weight : 0), 0);
  for (const floor of URGENT_PRECISION_FLOORS) {
    let best: { weights: BinaryWeights; recall: number; precision: number; loss: number } | null = null;
    for (const model of MODEL_WEIGHTS) {
      for (const lexicon of LEXICON_WEIGHTS) {
        if (model === 0 && lexicon === 0) continue;
        const scored = rows.map((r, i) => ({ z: binaryLogit(r.modelUrgent, r.lexiconUrgent, { model, lexicon, bias: 0 }), urgent: truth[i], weight: r.weight }));
        scored.sort((a, b) => b.z - a.z);
        let tp = 0;
        let flagged = 0;
        let choice: { threshold: number; recall: number; precision: number } | null = null;
        for (let k = 0; k < scored.length; k++) {
          flagged += scored[k].weight;
          if (scored[k].urgent) tp += scored[k].weight;
          // Only cut between two different scores.
          if (k + 1 < scored.length && scored[k + 1].z === scored[k].z) continue;
          const recall = positives ? round(tp / positives, 9) : 1;
          const precision = round(tp / flagged, 9);
          if (precision < floor) continue;
          if (!choice || recall > choice.recall || (recall === choice.recall && precision > choice.precision)) {
            const next = k + 1 < scored.length ? scored[k + 1].z : scored[k].z - 1;
            choice = { threshold: (scored[k].z + next) / 2, recall, precision };
          }
        }
        if (!choice) continue;
        const weights = { model, lexicon, bias: round(-choice.threshold, 6) };
        const losses = rows.map((r, i) => {
          const p = sigmoid(binaryLogit(r.modelUrgent, r.lexiconUrgent, weights));
          return -Math.log(Math.max(truth[i] ? p : 1 - p, 1e-12)) * r.weight;
        });
        const loss = losses.reduce((a, b) => a + b, 0);
        if (
          !best ||
          choice.recall > best.recall ||
          (choice.recall === best.recall && (choice.precision > best.precision || (choice.precision === best.precision && loss < best.loss)))
        ) {
          best = { weights, recall: choice.recall, precision: choice.precision, loss };
        }
      }
    }
    if (best) return best;
  }
  return { weights: { model: 0, lexicon: 1, bias: 0 }, recall: 0, precision: 0 };
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
