const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

// A run of Chinese numerals, optionally with one 十 (tens); 两 is left alone
// because in complaints it almost always means "a couple of", not a number.
const NUMERAL_RUN = /[零〇一二三四五六七八九十]+/g;

/**
 * Brings a place name and the text it is looked for in to one spelling, so
 * that `浮山后四小区`, `浮山后4小区` and `浮山后４小区` compare equal. Applied to
 * both sides of every comparison; new variant rules (dropping a trailing
 * 小区 / 社区 …) belong here.
 */
export function normalise(input: string): string {
  return (
    input
      // Full-width ASCII (digits, Latin letters, punctuation) to half-width.
      .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
      .replace(/[\s\u3000]+/g, '')
      .toLowerCase()
      .replace(NUMERAL_RUN, chineseNumeralsToDigits)
  );
}

function chineseNumeralsToDigits(run: string): string {
  const tens = run.indexOf('十');
  if (tens === -1) return [...run].map((ch) => CHINESE_DIGITS[ch]).join('');
  // Only the plain forms 十, 十X, X十 and X十Y are numbers; anything else
  // (十十, 一二十) is left as written rather than guessed at.
  const before = run.slice(0, tens);
  const after = run.slice(tens + 1);
  if (before.length > 1 || after.length > 1 || after.includes('十')) return run;
  const high = before ? CHINESE_DIGITS[before] : 1;
  const low = after ? CHINESE_DIGITS[after] : 0;
  if (high === 0) return run;
  return String(high * 10 + low);
}

export interface NamedPlace {
  id: string;
  name: string;
  aliases: readonly string[];
}

export interface NameHit<T extends NamedPlace> {
  place: T;
  /** The name or alias as written in the reference data. */
  matchedName: string;
  /** Length of the normalised name: longer names are more specific. */
  length: number;
  /** Where the normalised name first occurs in the normalised text. */
  position: number;
}

/** Finds the most specific place name or alias that occurs in a text. */
export class PlaceNameMatcher<T extends NamedPlace> {
  private readonly entries: { place: T; name: string; key: string }[];

  constructor(places: readonly T[]) {
    this.entries = places
      .flatMap((place) => [place.name, ...place.aliases].map((name) => ({ place, name, key: normalise(name) })))
      .filter((entry) => entry.key.length > 0);
  }

  /** The longest name found; on equal length, the one that occurs first. */
  bestMatch(text: string): NameHit<T> | null {
    const haystack = normalise(text);
    let best: NameHit<T> | null = null;
    for (const { place, name, key } of this.entries) {
      const position = haystack.indexOf(key);
      if (position === -1) continue;
      if (!best || key.length > best.length || (key.length === best.length && position < best.position)) {
        best = { place, matchedName: name, length: key.length, position };
      }
    }
    return best;
  }
}
