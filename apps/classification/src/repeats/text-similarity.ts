import { normalise } from '../text/normalise';

/**
 * Phrases that say who is calling or how a work order is laid out, not what
 * happened. Operators' work orders share them almost word for word, so left
 * in they make two unrelated hotline tickets look alike. Matched after
 * normalise() (Chinese numerals are digits by then: 第三次 is 第3次).
 */
const BOILERPLATE = new RegExp(
  [
    '【?紧急】?[:：]?',
    '工单内容',
    '(?:据|接)?市民(?:\\d*次)?(?:来电|致电\\d*|电话)?(?:紧急求助|反映|投诉|表示|称)?',
    '来电人(?:再次|第\\d+次)?(?:反映|投诉|表示|称|系)?',
    '外地游客来电',
    '(?:再次|第\\d+次)(?:来电)?反映',
    '再反映1次',
    '诉求',
    '请(?:有关|相关|主管)?部门',
    '(?:城管|执法|环卫)部门',
    '依法(?:查处|处理|处罚)?',
    '要求',
    '希望',
  ].join('|'),
  'g',
);

// Anything that is not a Chinese character, a Latin letter, a digit or the
// number placeholder splits the text into segments; n-grams never cross a
// segment boundary.
const SEPARATOR = /[^\p{Script=Han}a-z0-9#]+/u;

/**
 * The text as the similarity measure sees it: normalised spelling, work-order
 * boilerplate removed, every digit run replaced by one placeholder (amounts,
 * times and floors differ between two reports of one incident; the numbers
 * that identify a place are compared separately), cut into segments at
 * punctuation, spaces and emoji.
 */
export function similaritySegments(text: string): string[] {
  return normalise(text)
    .replace(BOILERPLATE, ' ')
    .replace(/\d+/g, '#')
    .split(SEPARATOR)
    .filter((segment) => segment.length > 0);
}

// A character n-gram is coded as one exact integer (17 bits a character,
// astral characters folded), so that counting and comparing grams is
// sorting and merging numbers instead of hashing strings.
const CHAR_SPACE = 131_072;
const BIGRAM_OFFSET = 2 ** 51;

/** The terms of one document: n-gram codes in ascending order and their sublinear frequencies (1 + ln count). */
export interface TermVector {
  codes: Float64Array;
  tf: Float64Array;
}

/** The character bigrams and trigrams of the segments, counted. */
export function characterNgrams(segments: readonly string[]): TermVector {
  const grams: number[] = [];
  for (const segment of segments) {
    const chars = Array.from(segment, (ch) => (ch.codePointAt(0) ?? 0) % CHAR_SPACE);
    for (let i = 0; i + 1 < chars.length; i++) {
      grams.push(BIGRAM_OFFSET + chars[i] * CHAR_SPACE + chars[i + 1]);
      if (i + 2 < chars.length) grams.push((chars[i] * CHAR_SPACE + chars[i + 1]) * CHAR_SPACE + chars[i + 2]);
    }
  }
  const sorted = Float64Array.from(grams).sort();
  const codes: number[] = [];
  const tf: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    codes.push(sorted[i]);
    tf.push(1 + Math.log(j - i));
    i = j;
  }
  return { codes: Float64Array.from(codes), tf: Float64Array.from(tf) };
}

/** A TF-IDF weighted vector: n-gram codes in ascending order, their weights, and its Euclidean length. */
export interface WeightedVector {
  codes: Float64Array;
  weights: Float64Array;
  norm: number;
}

/**
 * Document frequencies learnt from the stream itself, so no corpus ships with
 * the service: every complaint added counts once. The frequencies are kept
 * for all complaints ever added (not only those still in a repeat window):
 * the vocabulary of complaint texts is bounded, and more documents make the
 * weights steadier.
 */
export class DocumentFrequencies {
  private readonly frequencies = new Map<number, number>();
  private documents = 0;

  /** Counts a document: each of its terms occurs in one more document. */
  add(terms: TermVector): void {
    this.documents++;
    for (const code of terms.codes) this.frequencies.set(code, (this.frequencies.get(code) ?? 0) + 1);
  }

  get size(): number {
    return this.documents;
  }

  /** TF-IDF weights at the current frequencies; the idf is smoothed, so an unseen term weighs most, none zero. */
  weigh(terms: TermVector): WeightedVector {
    const weights = new Float64Array(terms.codes.length);
    const documents = this.documents + 1;
    let squares = 0;
    for (let i = 0; i < weights.length; i++) {
      const frequency = this.frequencies.get(terms.codes[i]) ?? 0;
      const weight = terms.tf[i] * (Math.log(documents / (frequency + 1)) + 1);
      weights[i] = weight;
      squares += weight * weight;
    }
    return { codes: terms.codes, weights, norm: Math.sqrt(squares) };
  }
}

/** Cosine of two weighted vectors, 0 when either is empty. */
export function cosine(a: WeightedVector, b: WeightedVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.codes.length && j < b.codes.length) {
    const x = a.codes[i];
    const y = b.codes[j];
    if (x === y) dot += a.weights[i++] * b.weights[j++];
    else if (x < y) i++;
    else j++;
  }
  return dot / (a.norm * b.norm);
}
