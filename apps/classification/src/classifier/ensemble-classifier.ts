import { CATEGORY_CODES, type CategoryCode } from '@pipeline/contracts';
import { classificationOf, describeHit, roundConfidence, signed, type Judgement } from './classification-result';
import type { Classification, ClassificationInput, ComplaintClassifier } from './complaint-classifier';
import { argmax, binaryLogit, categoryProbabilities, sigmoid, type BinaryWeights, type EnsembleWeights } from './ensemble';
import { KeywordClassifier, lexiconText, type LogOddsEvidence } from './keyword-classifier';
import { readArtifact, type ModelArtifact } from './model-artifact';
import { NaiveBayesScorer, Vocabulary } from './naive-bayes';
import { PlaceLocator } from './place-locator';
import { TextFeaturiser, describeToken } from './text-features';

/** Category confidence when neither the model nor the lexicon recognises anything. */
const NO_EVIDENCE_CONFIDENCE = 0.2;
/**
 * With no lexicon term and fewer known tokens than this, the model's answer
 * is mostly its prior (你好 would be property_service, the largest class):
 * the complaint is filed as other, for review, instead.
 */
export const MIN_MODEL_EVIDENCE = 5;
/** How many of the model's tokens an explanation names per judgement. */
const EXPLAINED_TOKENS = 5;

export interface EnsembleOptions {
  places?: PlaceLocator;
  /** Built on `places` when not given. */
  lexicon?: KeywordClassifier;
  /** Shares jieba and the place masks between classifiers (cross-validation builds many). */
  featuriser?: TextFeaturiser;
}

/**
 * The production classifier: a naive Bayes model over jieba words and
 * character n-grams (the artifact in apps/classification/model), combined
 * with the keyword lexicon by weights chosen by cross-validation (see
 * ensemble.ts), and the place locator. Pure and synchronous; the artifact is
 * read once, in the constructor.
 */
export class EnsembleClassifier implements ComplaintClassifier {
  readonly version: string;
  private readonly weights: EnsembleWeights;
  private readonly featuriser: TextFeaturiser;
  private readonly places: PlaceLocator;
  private readonly lexicon: KeywordClassifier;
  private readonly categoryModel: NaiveBayesScorer;
  private readonly enforceableModel: NaiveBayesScorer;
  private readonly urgentModel: NaiveBayesScorer;

  constructor(model: ModelArtifact, options: EnsembleOptions = {}) {
    const { artifact, heads } = readArtifact(model);
    this.version = artifact.version;
    this.weights = artifact.ensemble;
    this.places = options.places ?? new PlaceLocator();
    this.lexicon = options.lexicon ?? new KeywordClassifier(this.places);
    this.featuriser = options.featuriser && sameConfig(options.featuriser, artifact) ? options.featuriser : new TextFeaturiser(artifact.features);
    // One vocabulary for the three heads: each token is looked up once.
    const vocabulary = new Vocabulary(heads.category.vocabulary);
    this.categoryModel = new NaiveBayesScorer(heads.category, vocabulary);
    this.enforceableModel = new NaiveBayesScorer(heads.enforceable, vocabulary);
    this.urgentModel = new NaiveBayesScorer(heads.urgent, vocabulary);
  }

  classify(input: ClassificationInput): Classification {
    const text = lexiconText(input);
    const tokens = this.categoryModel.vocabulary.lookup(this.featuriser.tokens(input.text, input.address));

    const category = this.category(text, tokens);
    return classificationOf({
      category,
      enforceable: this.binary(tokens, this.enforceableModel, this.lexicon.enforceableEvidence(text, category.code), this.weights.enforceable),
      urgent: this.binary(tokens, this.urgentModel, this.lexicon.urgentEvidence(text), this.weights.urgent),
      place: this.places.locate(input),
      reviewBelow: this.weights.reviewBelow,
      modelVersion: this.version,
    });
  }

  private category(text: string, tokens: readonly number[]): { code: CategoryCode; confidence: number; explanation: string[] } {
    const model = this.categoryModel.scoreRows(tokens);
    const lexicon = this.lexicon.categoryScores(text);
    if (model.known < MIN_MODEL_EVIDENCE && lexicon.every((l) => l.score <= 0)) {
      return { code: 'other', confidence: NO_EVIDENCE_CONFIDENCE, explanation: [] };
    }
    const p = categoryProbabilities(model.odds, lexicon.map((l) => l.score), this.weights.category);
    const best = argmax(p);
    const w = this.weights.category;
    const explanation = [
      ...(w.lexicon > 0 ? lexicon[best].hits.map(describeHit) : []),
      ...this.categoryModel
        .topTokens(tokens, best, EXPLAINED_TOKENS)
        .filter((t) => weighty(w.model * t.weight))
        .map((t) => modelCue(t.token, w.model * t.weight)),
    ];
    return { code: CATEGORY_CODES[best], confidence: roundConfidence(p[best]), explanation };
  }

  private binary(tokens: readonly number[], model: NaiveBayesScorer, lexicon: LogOddsEvidence, w: BinaryWeights): Judgement {
    const odds = model.scoreRows(tokens).odds[0];
    const logit = binaryLogit(odds, lexicon.logOdds, w);
    const value = logit >= 0;
    const p = sigmoid(logit);
    // The model's tokens that pushed toward the decision taken, signed as
    // evidence for "true" (a negative weight argues against).
    const side = value ? 1 : -1;
    const explanation = [
      ...(w.lexicon > 0 ? lexicon.hits.map(describeHit) : []),
      ...model
        .topTokens(tokens, 0, EXPLAINED_TOKENS, side)
        .filter((t) => weighty(w.model * t.weight))
        .map((t) => modelCue(t.token, w.model * t.weight)),
    ];
    return { value, confidence: roundConfidence(Math.max(p, 1 - p)), explanation };
  }
}

function sameConfig(featuriser: TextFeaturiser, artifact: ModelArtifact): boolean {
  return JSON.stringify(featuriser.config) === JSON.stringify(artifact.features);
}

/** A model token and what it added to the decision's score, e.g. 「摊贩」+0.84. */
function modelCue(token: string, contribution: number): string {
  return `「${describeToken(token)}」${signed(Math.round(contribution * 100) / 100)}`;
}

/** Drops tokens whose part in the decision rounds to nothing. */
function weighty(contribution: number): boolean {
  return Math.abs(contribution) >= 0.005;
}
