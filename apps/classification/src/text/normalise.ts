// One spelling for complaint text (full-width forms, spacing, Chinese
// numerals), shared by the classifier (terms, place names, features) and the
// repeat linker, which therefore need nothing of each other.
const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

// A run of Chinese numerals, optionally with one 十 (tens); 两 is left alone
// because in complaints it almost always means "a couple of", not a number.
const NUMERAL_RUN = /[零〇一二三四五六七八九十]+/g;

/**
 * Brings a text and the names or terms looked for in it to one spelling, so
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

/**
 * normalise() with, for every character of the result, the span of the input
 * it came from: a numeral run maps each of its digits to the whole run.
 * Lets a caller find a name in the normalised text and act on the text as
 * written (the featuriser masks place names this way).
 */
export interface NormalisedText {
  text: string;
  /** Input index of the first character behind each output character. */
  start: readonly number[];
  /** Input index just past the last character behind each output character. */
  end: readonly number[];
}

export function normaliseWithOffsets(input: string): NormalisedText {
  // Pass 1: the character-wise rules of normalise(), remembering origins.
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (/[\s\u3000]/.test(ch)) continue;
    const half = /[\uFF01-\uFF5E]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) - 0xfee0) : ch;
    for (const out of half.toLowerCase()) {
      folded += out;
      origin.push(i);
    }
  }
  // Pass 2: numeral runs, converted exactly as normalise() converts them.
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let last = 0;
  for (const m of folded.matchAll(NUMERAL_RUN)) {
    const at = m.index ?? 0;
    for (let i = last; i < at; i++) {
      text += folded[i];
      start.push(origin[i]);
      end.push(origin[i] + 1);
    }
    const digits = chineseNumeralsToDigits(m[0]);
    const from = origin[at];
    const to = origin[at + m[0].length - 1] + 1;
    for (const d of digits) {
      text += d;
      start.push(from);
      end.push(to);
    }
    last = at + m[0].length;
  }
  for (let i = last; i < folded.length; i++) {
    text += folded[i];
    start.push(origin[i]);
    end.push(origin[i] + 1);
  }
  return { text, start, end };
}
