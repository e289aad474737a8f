import { normalise } from '../text/normalise';
import { SPELLING_VARIANTS, type TermWeights } from './lexicon';

export interface TermHit {
  /** The cue as written in the lexicon (`a+b` for a cue of several parts). */
  term: string;
  weight: number;
}

/**
 * Finds the terms of a vocabulary in a text, longest first: an occurrence
 * that overlaps a longer term already found does not count.
 */
export class TermFinder {
  /** Distinct normalised terms, longest first. */
  private readonly terms: string[];

  constructor(vocabulary: Iterable<string>) {
    const terms = new Set([...vocabulary].map(normalise).filter((t) => t.length > 0));
    this.terms = [...terms].sort((a, b) => b.length - a.length || a.localeCompare(b));
  }

  /** The normalised terms that occur in the text. */
  find(text: string): ReadonlySet<string> {
    const haystack = correctSpelling(normalise(text));
    const claimed = new Uint8Array(haystack.length);
    const found = new Set<string>();
    for (const term of this.terms) {
      for (let at = haystack.indexOf(term); at !== -1; at = haystack.indexOf(term, at + 1)) {
        if (claimed.subarray(at, at + term.length).includes(1)) continue;
        claimed.fill(1, at, at + term.length);
        found.add(term);
      }
    }
    return found;
  }
}

/** A weight table whose cues are looked up in the terms a TermFinder found. */
export class WeightedCues {
  private readonly cues: { term: string; weight: number; parts: string[] }[];

  constructor(...tables: TermWeights[]) {
    const weights = new Map<string, number>();
    for (const table of tables) {
      for (const [term, weight] of Object.entries(table)) weights.set(term, (weights.get(term) ?? 0) + weight);
    }
    this.cues = [...weights].map(([term, weight]) => ({ term, weight, parts: term.split('+').map(normalise) }));
  }

  /** Every part of every cue: the vocabulary a TermFinder needs. */
  vocabulary(): string[] {
    return this.cues.flatMap((c) => c.parts);
  }

  /** The cues whose parts were all found, heaviest first. */
  hits(found: ReadonlySet<string>): TermHit[] {
    return this.cues
      .filter((c) => c.weight !== 0 && c.parts.every((p) => found.has(p)))
      .map(({ term, weight }) => ({ term, weight }))
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.term.localeCompare(b.term));
  }
}

export function totalWeight(hits: readonly TermHit[]): number {
  return hits.reduce((sum, h) => sum + h.weight, 0);
}

// Longest variant first, so that a word protected by mapping to itself
// (天然气) is taken before a shorter variant inside it (然气).
const VARIANT = new RegExp(
  Object.keys(SPELLING_VARIANTS)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .join('|'),
  'g',
);

/** The text with the misspellings of SPELLING_VARIANTS replaced by the words meant. */
export function correctSpelling(text: string): string {
  return text.replace(VARIANT, (variant) => SPELLING_VARIANTS[variant] ?? variant);
}
