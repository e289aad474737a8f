/**
 * The counts a multinomial naive Bayes model learnt, as stored in the model
 * artifact: trained by wink-naive-bayes-text-classifier (see
 * training/model-training.ts) and written sorted, so the same tickets give the same
 * bytes.
 */
export interface NaiveBayesCounts {
  labels: string[];
  /** Additive smoothing of the token likelihoods (wink's smoothingFactor). */
  smoothing: number;
  /** Training tickets per label. */
  samples: number[];
  /** Token occurrences per label (presence counts: a token once per ticket). */
  words: number[];
  /** Sorted vocabulary; `counts[i]` holds vocabulary[i]'s count per label. */
  vocabulary: string[];
  counts: number[][];
}

export interface TokenWeight {
  token: string;
  /** log2 odds the token adds for the label. */
  weight: number;
}

export interface NaiveBayesScores {
  /** log2 odds of each label against all others, in `labels` order. */
  odds: number[];
  /** Tokens of the input that the model knows. */
  known: number;
}

/**
 * Token → row number in the vocabulary shared by the heads of one model:
 * a prediction looks each token up once, then every head reads its weights
 * by row.
 */
export class Vocabulary {
  private readonly rows: Map<string, number>;

  constructor(readonly tokens: readonly string[]) {
    this.rows = new Map(tokens.map((t, i) => [t, i]));
  }

  /** Rows of the tokens the model knows, in token order; unknown tokens are skipped. */
  lookup(tokens: readonly string[]): number[] {
    const rows: number[] = [];
    for (const token of tokens) {
      const row = this.rows.get(token);
      if (row !== undefined) rows.push(row);
    }
    return rows;
  }

  get size(): number {
    return this.tokens.length;
  }
}

/**
 * Scores tokens with the learnt counts exactly as wink's computeOdds does:
 * for each label the log2 likelihood of the tokens under the label minus
 * under all other labels together, plus the log2 prior odds; unknown tokens
 * are skipped. The per-token terms are precomputed, which makes a
 * prediction one table look-up per token and lets the explanation name the
 * tokens that weighed most.
 */
export class NaiveBayesScorer {
  readonly labels: readonly string[];
  readonly vocabulary: Vocabulary;
  /** weights[row * labels + label]: log2 odds the token adds for the label. */
  private readonly weights: Float64Array;
  private readonly prior: Float64Array;

  constructor(model: NaiveBayesCounts, vocabulary: Vocabulary = new Vocabulary(model.vocabulary)) {
    const n = model.labels.length;
    const alpha = model.smoothing;
    const v = model.vocabulary.length;
    if (vocabulary.size !== v) throw new Error('naive Bayes: vocabulary does not match the counts');
    const totalWords = model.words.reduce((a, b) => a + b, 0);
    const totalSamples = model.samples.reduce((a, b) => a + b, 0);
    this.labels = model.labels;
    this.vocabulary = vocabulary;
    this.prior = Float64Array.from(model.samples, (s) => Math.log2(s) - Math.log2(totalSamples - s));
    this.weights = new Float64Array(v * n);
    model.counts.forEach((counts, row) => {
      const total = counts.reduce((a, b) => a + b, 0);
      for (let c = 0; c < n; c++) {
        const inLabel = Math.log2(counts[c] + alpha) - Math.log2(model.words[c] + v * alpha);
        const elsewhere = Math.log2(total - counts[c] + alpha) - Math.log2(totalWords - model.words[c] + v * alpha);
        this.weights[row * n + c] = inLabel - elsewhere;
      }
    });
  }

  /** Scores tokens (looked up here). */
  score(tokens: readonly string[]): NaiveBayesScores {
    return this.scoreRows(this.vocabulary.lookup(tokens));
  }

  /** Scores vocabulary rows from Vocabulary.lookup. */
  scoreRows(rows: readonly number[]): NaiveBayesScores {
    const n = this.labels.length;
    const odds = new Array<number>(n).fill(0);
    for (const row of rows) {
      const base = row * n;
      for (let c = 0; c < n; c++) odds[c] += this.weights[base + c];
    }
    // wink adds the prior only when some token is known; without evidence
    // every label scores 0 and the caller must not trust the model.
    if (rows.length > 0) for (let c = 0; c < n; c++) odds[c] += this.prior[c];
    return { odds, known: rows.length };
  }

  /** The tokens that add most to the label's odds (sign −1: most against), heaviest first. */
  topTokens(rows: readonly number[], label: number, limit: number, sign: 1 | -1 = 1): TokenWeight[] {
    const n = this.labels.length;
    const top: TokenWeight[] = [];
    for (const row of rows) {
      const weight = this.weights[row * n + label];
      if (sign * weight <= 0) continue;
      if (top.length === limit && sign * weight <= sign * top[limit - 1].weight) continue;
      const entry = { token: this.vocabulary.tokens[row], weight };
      let at = top.length;
      while (at > 0 && sign * top[at - 1].weight < sign * weight) at--;
      top.splice(at, 0, entry);
      if (top.length > limit) top.pop();
    }
    return top;
  }
}
