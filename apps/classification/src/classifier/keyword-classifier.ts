import { CATEGORY_CODES, type CategoryCode } from '@pipeline/contracts';
import { normalise } from '../text/normalise';
import { classificationOf, describeHit, roundConfidence, type Judgement } from './classification-result';
import type { Classification, ClassificationInput, ComplaintClassifier } from './complaint-classifier';
import { CATEGORY_TERMS, ENFORCEABLE_CUES, ENFORCEABLE_PRIOR, NEUTRAL_TERMS, URGENT_BIAS, URGENT_CUES, type TermWeights } from './lexicon';
import { PlaceLocator } from './place-locator';
import { TermFinder, WeightedCues, totalWeight, type TermHit } from './term-matcher';

export const LEXICON_MODEL_VERSION = 'lexicon-0.1';

/** Below this category confidence a person confirms the result. */
export const REVIEW_THRESHOLD = 0.5;

/** Category confidence when no term of any category occurs. */
const NO_EVIDENCE_CONFIDENCE = 0.2;

/** Score at which one clear category reaches about 0.63 confidence (one strong term). */
const CATEGORY_SCALE = 3;

export interface KeywordClassifierOptions {
  /**
   * Keeps only the cues all of whose (normalised) parts pass. Cross-validation
   * uses it to drop the terms that occur only in the held-out tickets: the
   * lexicon was written with every public ticket in view, and its figures on
   * a held-out fold would otherwise flatter it.
   */
  keepTerm?: (term: string) => boolean;
}

/**
 * First classifier of the walking skeleton: weighted keywords per category,
 * log-odds cues for the enforceable and urgent judgements, and the place
 * locator. Deterministic and explainable; a trained model replaces it behind
 * the ComplaintClassifier interface.
 */
export class KeywordClassifier implements ComplaintClassifier {
  private readonly categoryFinder: TermFinder;
  private readonly categoryCues: readonly (readonly [CategoryCode, WeightedCues])[];
  private readonly enforceableRules: ReadonlyMap<CategoryCode, { finder: TermFinder; cues: WeightedCues }>;
  private readonly urgentFinder: TermFinder;
  private readonly urgentCues: WeightedCues;

  constructor(
    private readonly places: PlaceLocator = new PlaceLocator(),
    options: KeywordClassifierOptions = {},
  ) {
    const keep = options.keepTerm;
    const only = (table: TermWeights | undefined): TermWeights =>
      keep ? Object.fromEntries(Object.entries(table ?? {}).filter(([term]) => term.split('+').every((part) => keep(normalise(part))))) : (table ?? {});
    this.categoryCues = CATEGORY_CODES.map((code) => [code, new WeightedCues(only(CATEGORY_TERMS[code]))] as const);
    // One finder over all categories, so a long term of one category masks a
    // shorter term of another inside it (小广告 is not also 广告).
    this.categoryFinder = new TermFinder([...this.categoryCues.flatMap(([, cues]) => cues.vocabulary()), ...NEUTRAL_TERMS]);
    this.enforceableRules = new Map(
      CATEGORY_CODES.map((code) => {
        const cues = new WeightedCues(only(ENFORCEABLE_CUES['*']), only(ENFORCEABLE_CUES[code]));
        return [code, { finder: new TermFinder(cues.vocabulary()), cues }] as const;
      }),
    );
    this.urgentCues = new WeightedCues(only(URGENT_CUES));
    this.urgentFinder = new TermFinder(this.urgentCues.vocabulary());
  }

  classify(input: ClassificationInput): Classification {
    const text = lexiconText(input);
    const category = this.category(text);
    return classificationOf({
      category,
      enforceable: this.enforceable(text, category.code),
      urgent: this.urgent(text),
      place: this.places.locate(input),
      reviewBelow: REVIEW_THRESHOLD,
      modelVersion: LEXICON_MODEL_VERSION,
    });
  }

  /** Each category's lexicon score (the sum of its terms found) with the terms, in taxonomy order. */
  categoryScores(text: string): CategoryEvidence[] {
    const found = this.categoryFinder.find(text);
    return this.categoryCues.map(([code, cues]) => {
      const hits = cues.hits(found);
      return { code, hits, score: totalWeight(hits) };
    });
  }

  /** Log-odds that the complaint is enforceable if it is of the category: the category's prior plus the cues found. */
  enforceableEvidence(text: string, category: CategoryCode): LogOddsEvidence {
    const rules = this.enforceableRules.get(category);
    const hits = rules ? rules.cues.hits(rules.finder.find(text)) : [];
    return { logOdds: ENFORCEABLE_PRIOR[category] + totalWeight(hits), hits };
  }

  /** Log-odds of a present danger: the bias plus the danger cues found. */
  urgentEvidence(text: string): LogOddsEvidence {
    const hits = this.urgentCues.hits(this.urgentFinder.find(text));
    return { logOdds: URGENT_BIAS + totalWeight(hits), hits };
  }

  private category(text: string): { code: CategoryCode; confidence: number; explanation: string[] } {
    // Stable sort: equal scores keep taxonomy order.
    const scored = this.categoryScores(text).sort((a, b) => b.score - a.score);
    const [top, second] = scored;
    if (top.score <= 0) return { code: 'other', confidence: NO_EVIDENCE_CONFIDENCE, explanation: [] };
    // Strength grows with the evidence for the winner; share drops when a
    // runner-up has nearly as much.
    const strength = 1 - Math.exp(-top.score / CATEGORY_SCALE);
    const share = top.score / (top.score + Math.max(second.score, 0));
    return { code: top.code, confidence: roundConfidence(strength * share), explanation: top.hits.map(describeHit) };
  }

  private enforceable(text: string, category: CategoryCode): Judgement {
    const { logOdds, hits } = this.enforceableEvidence(text, category);
    return judge(logOdds, hits);
  }

  private urgent(text: string): Judgement {
    const { logOdds, hits } = this.urgentEvidence(text);
    return judge(logOdds, hits);
  }
}

export interface CategoryEvidence {
  code: CategoryCode;
  score: number;
  hits: TermHit[];
}

export interface LogOddsEvidence {
  logOdds: number;
  hits: TermHit[];
}

function judge(logOdds: number, hits: TermHit[]): Judgement {
  const p = 1 / (1 + Math.exp(-logOdds));
  return { value: p >= 0.5, confidence: roundConfidence(Math.max(p, 1 - p)), explanation: hits.map(describeHit) };
}

/** The text the lexicon reads: the address, then the complaint. */
export function lexiconText(input: { text: string; address?: string | null }): string {
  return [input.address, input.text].filter((s): s is string => !!s).join('\n');
}

/** Every term of the lexicon's tables, normalised, parts of `a+b` cues separately. */
export function lexiconTerms(): string[] {
  const tables = [...Object.values(CATEGORY_TERMS), ...Object.values(ENFORCEABLE_CUES), URGENT_CUES];
  const terms = new Set<string>();
  for (const table of tables) for (const term of Object.keys(table ?? {})) for (const part of term.split('+')) terms.add(normalise(part));
  return [...terms].sort();
}
