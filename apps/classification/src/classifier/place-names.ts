import { normalise } from '../text/normalise';

export interface NamedPlace {
  id: string;
  name: string;
  aliases: readonly string[];
}

/**
 * How a name was found: as written in the reference data (after
 * normalise()), without its 小区/社区/花园/家园 suffix, or one typed
 * character away from it.
 */
export type NameMatchKind = 'exact' | 'suffix' | 'typo';

export interface NameHit<T extends NamedPlace> {
  place: T;
  /** The name or alias as written in the reference data. */
  matchedName: string;
  kind: NameMatchKind;
  /** For a typo: the normalised text that was taken for the name. */
  written?: string;
  /** Length of the normalised name: longer names are more specific. */
  length: number;
  /** Where the normalised name first occurs in the normalised text. */
  position: number;
}

export interface PlaceNameMatcherOptions {
  /**
   * Names of places the matcher does not know (another layer of the
   * reference data): a shortened or misspelt name of ours that could be one
   * of them is not used.
   */
  reserved?: readonly string[];
  /** Accept names without their 小区/社区/花园/家园 suffix and one-character typos; on by default. */
  tolerant?: boolean;
}

/** Suffixes a community name is often written without. */
const DROPPABLE_SUFFIX = /(小区|社区|花园|家园)$/;
/** Generic endings that do not tell one place from another; a typo must fall before them. */
const GENERIC_ENDING = /(小区|社区|宿舍|花园|家园|花苑|大厦)$/;
/** A shortened name must keep at least this many characters. */
const MIN_SHORTENED = 3;
/** Typos are tolerated only in names at least this long ... */
const MIN_TYPO_NAME = 4;
/** ... whose distinctive part (before a generic ending) is at least this long. */
const MIN_TYPO_STEM = 3;
// A different digit or direction is a different place (延安一路 / 延安三路,
// 香港中路 / 香港东路), never a typo.
const NOT_A_TYPO = /[0-9东西南北中]/;
// Street names are too alike for one-character tolerance: 兰州东路 and
// 郑州东路, 长江中路 and 黑龙江中路 are all real streets. Names built on a
// street are matched only as written (and by their shortened forms).
const STREET = /[路街道巷]/;

interface Entry<T> {
  place: T;
  name: string;
  key: string;
}

interface TypoEntry<T> extends Entry<T> {
  /** Length of the part of the key in which an edit counts as a typo. */
  stem: number;
  left: string;
  right: string;
}

/** Finds the most specific place name or alias that occurs in a text. */
export class PlaceNameMatcher<T extends NamedPlace> {
  private readonly entries: Entry<T>[];
  private readonly shortened: Entry<T>[];
  private readonly typos: TypoEntry<T>[];

  constructor(places: readonly T[], options: PlaceNameMatcherOptions = {}) {
    this.entries = places
      .flatMap((place) => [place.name, ...place.aliases].map((name) => ({ place, name, key: normalise(name) })))
      .filter((entry) => entry.key.length > 0);
    const tolerant = options.tolerant ?? true;
    const reserved = (options.reserved ?? []).map(normalise);
    this.shortened = tolerant ? shortenedNames(this.entries, reserved) : [];
    this.typos = tolerant ? typoCandidates([...this.entries, ...this.shortened]) : [];
  }

  /**
   * The longest name found as written (on equal length, the one that occurs
   * first); failing that, the longest shortened name; failing that, a name
   * one typo away, only if every such typo points to the same place.
   */
  bestMatch(text: string): NameHit<T> | null {
    const haystack = normalise(text);
    return longest(this.entries, haystack, 'exact') ?? longest(this.shortened, haystack, 'suffix') ?? this.typo(haystack);
  }

  private typo(haystack: string): NameHit<T> | null {
    let best: NameHit<T> | null = null;
    for (const entry of this.typos) {
      const window = findOneEditAway(entry, haystack);
      if (!window) continue;
      if (best && best.place.id !== entry.place.id) return null; // two places fit: not ours to choose
      if (!best || entry.key.length > best.length) {
        best = { place: entry.place, matchedName: entry.name, kind: 'typo', written: window.text, length: entry.key.length, position: window.position };
      }
    }
    return best;
  }
}

function longest<T extends NamedPlace>(entries: readonly Entry<T>[], haystack: string, kind: NameMatchKind): NameHit<T> | null {
  let best: NameHit<T> | null = null;
  for (const { place, name, key } of entries) {
    const position = haystack.indexOf(key);
    if (position === -1) continue;
    if (!best || key.length > best.length || (key.length === best.length && position < best.position)) {
      best = { place, matchedName: name, kind, length: key.length, position };
    }
  }
  return best;
}

/**
 * Names with their droppable suffix removed, kept only when the rest is
 * long enough and cannot be read as, or inside, another place's name.
 */
function shortenedNames<T extends NamedPlace>(entries: readonly Entry<T>[], reserved: readonly string[]): Entry<T>[] {
  const candidates = new Map<string, Entry<T>[]>();
  for (const entry of entries) {
    if (!DROPPABLE_SUFFIX.test(entry.key)) continue;
    const key = entry.key.replace(DROPPABLE_SUFFIX, '');
    if (key.length < MIN_SHORTENED) continue;
    const list = candidates.get(key) ?? [];
    list.push({ ...entry, key });
    candidates.set(key, list);
  }
  const result: Entry<T>[] = [];
  for (const [key, list] of candidates) {
    const places = new Set(list.map((e) => e.place.id));
    if (places.size > 1) continue;
    const clashes =
      reserved.some((other) => other.includes(key)) ||
      entries.some((other) => !places.has(other.place.id) && other.key.includes(key));
    if (!clashes && !entries.some((e) => e.key === key)) result.push(list[0]);
  }
  return result;
}

function typoCandidates<T extends NamedPlace>(entries: readonly Entry<T>[]): TypoEntry<T>[] {
  const seen = new Set<string>();
  const result: TypoEntry<T>[] = [];
  for (const entry of entries) {
    if (entry.key.length < MIN_TYPO_NAME || STREET.test(entry.key) || seen.has(entry.key)) continue;
    seen.add(entry.key);
    const stem = entry.key.replace(GENERIC_ENDING, '').length;
    if (stem < MIN_TYPO_STEM) continue;
    const half = Math.floor(entry.key.length / 2);
    result.push({ ...entry, stem, left: entry.key.slice(0, half), right: entry.key.slice(half) });
  }
  return result;
}

/**
 * A stretch of the text exactly one edit (a character replaced, added or
 * left out) from the name, the edit inside the name's distinctive part and
 * not touching a digit or direction. One half of the name survives any
 * single edit, so only stretches around an occurrence of a half are tried.
 */
function findOneEditAway(entry: TypoEntry<unknown>, haystack: string): { text: string; position: number } | null {
  const { key, left, right } = entry;
  const tried = new Set<string>();
  const tryWindow = (from: number, length: number): { text: string; position: number } | null => {
    if (from < 0 || from + length > haystack.length) return null;
    const id = `${from}:${length}`;
    if (tried.has(id)) return null;
    tried.add(id);
    const text = haystack.slice(from, from + length);
    return isTypoOf(key, text, entry.stem) ? { text, position: from } : null;
  };
  for (let at = haystack.indexOf(left); at !== -1; at = haystack.indexOf(left, at + 1)) {
    for (const length of [key.length, key.length - 1, key.length + 1]) {
      const hit = tryWindow(at, length);
      if (hit) return hit;
    }
  }
  for (let at = haystack.indexOf(right); at !== -1; at = haystack.indexOf(right, at + 1)) {
    const endAt = at + right.length;
    for (const length of [key.length, key.length - 1, key.length + 1]) {
      const hit = tryWindow(endAt - length, length);
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * True when `text` is `key` with exactly one allowed edit inside its first
 * `stem` characters, but not at the very first: a name that starts
 * differently is another name (中南世纪 / 华南世纪), not a typo.
 */
export function isTypoOf(key: string, text: string, stem = key.length): boolean {
  if (text === key) return false;
  let i = 0;
  while (i < key.length && i < text.length && key[i] === text[i]) i++;
  if (i === 0 || i >= stem) return false;
  let changed: string;
  if (text.length === key.length) {
    if (key.slice(i + 1) !== text.slice(i + 1)) return false;
    changed = key[i] + text[i];
  } else if (text.length === key.length + 1) {
    if (key.slice(i) !== text.slice(i + 1)) return false;
    changed = text[i];
  } else if (text.length === key.length - 1) {
    if (key.slice(i + 1) !== text.slice(i)) return false;
    changed = key[i];
  } else {
    return false;
  }
  return !NOT_A_TYPO.test(changed);
}
