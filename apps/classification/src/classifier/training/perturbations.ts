import { mulberry32 } from './cross-validation';

/**
 * Deterministic rewrites of a ticket's text that a different writer might
 * produce, for measuring how far the classifier's judgements move on writing
 * it was not trained on (classify:robustness). Each takes a seeded random
 * source, so the figures are reproducible.
 */
export type Perturbation = (text: string, random: () => number, others: readonly string[]) => string;

const PUNCTUATION = /[\p{P}\p{S}\s]+/gu;
const HAN = /\p{Script=Han}/u;

export const PERTURBATIONS: Readonly<Record<string, Perturbation>> = {
  /** All punctuation, symbols, emoji and spaces removed. */
  'no punctuation': (text) => text.replace(PUNCTUATION, ''),
  /** Two neighbouring Chinese characters swapped, once. */
  'one swap': (text, random) => swapNeighbours(text, random),
  /** Three Chinese characters replaced by characters taken from other tickets (typo-like noise). */
  'three typos': (text, random, others) => {
    let out = text;
    for (let k = 0; k < 3; k++) out = replaceOne(out, random, others);
    return out;
  },
  /** A sentence that is about nothing in particular, appended. */
  'unrelated sentence after': (text, random) => `${text}${pick(SMALL_TALK, random)}`,
  /** The same, put first. */
  'unrelated sentence before': (text, random) => `${pick(SMALL_TALK, random)}${text}`,
  /** A second, minor problem of another kind mentioned in passing (a multi-issue ticket; the first problem stays the label). */
  'second issue in passing': (text, random, others) => `${text}${pick(others, random)}`,
  /** The first sentence of a whole ticket of another category put first: two problems at equal length, a hard case. */
  'another ticket before': (text, random, others) => `${firstSentence(pick(others, random))}${text}`,
};

/** Sentences that carry no category (the writer's situation, courtesy). */
export const SMALL_TALK: readonly string[] = [
  '我在这个小区住了十几年了。',
  '麻烦你们了，谢谢！',
  '上次打电话的工作人员态度挺好的。',
  '今天早上出门买菜的时候看到的。',
  '我是退休老师，平时不爱给政府添麻烦。',
  '家里老人孩子都在，希望能重视一下。',
  '不知道这个归不归你们管，先反映一下。',
  '我已经拍了照片，需要的话可以发给你们。',
  '周围邻居也都有意见，就是没人出头。',
  '下午三点左右路过的时候发现的。',
];

/** Short mentions of a second problem, one per category, for 'second issue in passing'. */
export const SIDE_ISSUES: Readonly<Record<string, string>> = {
  illegal_construction: '另外楼顶好像也有人搭了个小棚子。',
  construction_waste: '另外路边还有一小堆装修垃圾。',
  construction_site: '顺便说一句，附近工地晚上也有点吵。',
  street_order: '对了，门口偶尔也有卖菜的摆摊。',
  advertising: '旁边店的招牌灯也有点晃眼。',
  flyposting: '墙上还有些小广告。',
  household_waste: '另外垃圾桶也经常满。',
  sanitation: '路面也不太干净。',
  greenery: '楼下的树也该修剪了。',
  property_service: '物业平时也不怎么管事。',
  gas: '顺便问一下燃气费怎么交。',
  heating: '去年冬天暖气也不太热。',
  other: '楼上邻居晚上也挺吵的。',
};

export function perturb(name: string, text: string, seed: number, others: readonly string[]): string {
  const p = PERTURBATIONS[name];
  if (!p) throw new Error(`unknown perturbation ${name}`);
  return p(text, mulberry32(seed), others);
}

function hanPositions(text: string): number[] {
  const chars = [...text];
  return chars.map((ch, i) => (HAN.test(ch) ? i : -1)).filter((i) => i >= 0);
}

function swapNeighbours(text: string, random: () => number): string {
  const chars = [...text];
  const candidates = hanPositions(text).filter((i) => i + 1 < chars.length && HAN.test(chars[i + 1]) && chars[i] !== chars[i + 1]);
  if (candidates.length === 0) return text;
  const i = candidates[Math.floor(random() * candidates.length)];
  [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
  return chars.join('');
}

function replaceOne(text: string, random: () => number, others: readonly string[]): string {
  const chars = [...text];
  const positions = hanPositions(text);
  const source = [...pick(others, random)].filter((ch) => HAN.test(ch));
  if (positions.length === 0 || source.length === 0) return text;
  chars[positions[Math.floor(random() * positions.length)]] = source[Math.floor(random() * source.length)];
  return chars.join('');
}

function firstSentence(text: string): string {
  const end = text.search(/[。！？!?]/);
  const sentence = end === -1 ? text : text.slice(0, end + 1);
  return /[。！？!?]$/.test(sentence) ? sentence : `${sentence}。`;
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)];
}
