/** What fold assignment needs to know of a labeled ticket. */
export interface FoldItem {
  id: string;
  category: string;
  /** The first report of the incident, for a repeat; else null. */
  repeatOf: string | null;
}

/** Fixed seed of every cross-validation in the repository, so figures can be reproduced. */
export const CV_SEED = 20240301;
export const CV_FOLDS = 5;

/**
 * Assigns each ticket to one of k folds, stratified by category and grouped
 * by incident: the reports of one incident always share a fold, otherwise a
 * repeat's first report (nearly the same words) would sit in the training
 * folds and flatter the figures. Deterministic for a given seed.
 * Returns the fold index of each item, in input order.
 */
export function stratifiedGroupFolds(items: readonly FoldItem[], k = CV_FOLDS, seed = CV_SEED): number[] {
  const incidentOf = incidentRoots(items);
  // One group per incident, filed under the category of its first report.
  const groups = new Map<string, { category: string; members: number[] }>();
  items.forEach((item, i) => {
    const root = incidentOf.get(item.id) ?? item.id;
    const group = groups.get(root) ?? { category: item.category, members: [] };
    group.members.push(i);
    groups.set(root, group);
  });
  const byCategory = new Map<string, { category: string; members: number[] }[]>();
  for (const group of groups.values()) {
    const list = byCategory.get(group.category) ?? [];
    list.push(group);
    byCategory.set(group.category, list);
  }
  const random = mulberry32(seed);
  const fold = new Array<number>(items.length).fill(0);
  const size = new Array<number>(k).fill(0);
  for (const category of [...byCategory.keys()].sort()) {
    const list = shuffle(byCategory.get(category) ?? [], random);
    // Larger incidents first, each to the fold holding fewest of this category.
    list.sort((a, b) => b.members.length - a.members.length);
    const inCategory = new Array<number>(k).fill(0);
    for (const group of list) {
      let target = 0;
      for (let f = 1; f < k; f++) {
        if (inCategory[f] < inCategory[target] || (inCategory[f] === inCategory[target] && size[f] < size[target])) target = f;
      }
      for (const i of group.members) fold[i] = target;
      inCategory[target] += group.members.length;
      size[target] += group.members.length;
    }
  }
  return fold;
}

/** The first report of each ticket's incident, following repeatOf links to their start. */
export function incidentRoots(items: readonly FoldItem[]): Map<string, string> {
  const parent = new Map(items.map((item) => [item.id, item.repeatOf]));
  const roots = new Map<string, string>();
  for (const item of items) {
    let root = item.id;
    const seen = new Set<string>();
    for (let next = parent.get(root); next && !seen.has(next); next = parent.get(root)) {
      seen.add(root);
      root = next;
    }
    roots.set(item.id, root);
  }
  return roots;
}

/** A small seeded PRNG (mulberry32): reproducible shuffles without a dependency. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
