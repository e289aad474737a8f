import { CATEGORY_CODES, type CategoryCode } from '@pipeline/contracts';
import type { Classification } from '../complaint-classifier';
import type { BatchComplaint, BatchRow } from './batch-classification';
import { incidentRoots } from './cross-validation';

/** A labeled complaint, as in complaints.public.jsonl. */
export interface LabeledComplaint extends BatchComplaint {
  labels: {
    category: string;
    enforceable: boolean;
    urgent: boolean;
    hotspotAreaId: string | null;
    communityId: string | null;
    repeatOf: string | null;
  };
}

export interface Share {
  right: number;
  of: number;
  /** right / of, or null when there is nothing to measure. */
  value: number | null;
}

export interface EvaluationReport {
  mode: 'cross-validation' | 'shipped-model';
  modelVersion: string;
  tickets: number;
  category: Share;
  enforceable: Share;
  urgent: Share & { precision: Share; recall: Share };
  perCategory: { category: CategoryCode; support: number; precision: Share; recall: Share }[];
  /** confusion[truth][predicted], rows and columns in `CATEGORY_CODES` order. */
  confusion: { labels: CategoryCode[]; matrix: number[][] };
  place: { withCoordinates: Share; fromText: Share };
  repeats: { predictedPairs: number; precision: Share; recall: Share };
  review: { flagged: Share; accuracyFlagged: Share; accuracyNotFlagged: Share };
  targets: { name: string; value: number | null; target: number; met: boolean }[];
  /** Extra lines of figures (e.g. the same cross-validation with the whole lexicon). */
  notes: string[];
}

/** The issue's targets, checked on every evaluation. */
export const TARGETS = {
  category: 0.92,
  enforceable: 0.9,
  urgentRecall: 0.95,
  urgentPrecision: 0.8,
  placeWithCoordinates: 0.995,
  placeFromText: 0.99,
  repeatPrecision: 0.9,
  repeatRecall: 0.8,
} as const;

export function evaluate(
  tickets: readonly LabeledComplaint[],
  rows: readonly BatchRow[],
  results: readonly Classification[],
  meta: { mode: EvaluationReport['mode']; modelVersion: string; notes?: string[] },
): EvaluationReport {
  const n = tickets.length;
  const truthIndex = tickets.map((t) => CATEGORY_CODES.indexOf(t.labels.category as CategoryCode));
  const predIndex = rows.map((r) => CATEGORY_CODES.indexOf(r.category));
  const matrix = CATEGORY_CODES.map(() => CATEGORY_CODES.map(() => 0));
  tickets.forEach((_, i) => {
    if (truthIndex[i] >= 0) matrix[truthIndex[i]][predIndex[i]]++;
  });

  const count = (ok: (i: number) => boolean, among: (i: number) => boolean = () => true): Share => {
    let right = 0;
    let of = 0;
    for (let i = 0; i < n; i++) {
      if (!among(i)) continue;
      of++;
      if (ok(i)) right++;
    }
    return share(right, of);
  };
  const categoryRight = (i: number) => rows[i].category === tickets[i].labels.category;
  const samePlace = (i: number) => rows[i].hotspotAreaId === tickets[i].labels.hotspotAreaId && rows[i].communityId === tickets[i].labels.communityId;

  const perCategory = CATEGORY_CODES.map((category, c) => {
    const support = matrix[c].reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + row[c], 0);
    return { category, support, precision: share(matrix[c][c], predicted), recall: share(matrix[c][c], support) };
  });

  // Repeats: a predicted pair is right when both tickets belong to one
  // incident; a labeled repeat is found when it is linked to any ticket of its incident.
  const roots = incidentRoots(tickets.map((t) => ({ id: t.id, category: t.labels.category, repeatOf: t.labels.repeatOf })));
  const sameIncident = (a: string, b: string) => (roots.get(a) ?? a) === (roots.get(b) ?? b);
  const linked = (i: number) => rows[i].repeatOf !== null;
  const repeats = {
    predictedPairs: rows.filter((r) => r.repeatOf !== null).length,
    precision: count((i) => sameIncident(rows[i].id, rows[i].repeatOf as string), linked),
    recall: count((i) => linked(i) && sameIncident(rows[i].id, rows[i].repeatOf as string), (i) => tickets[i].labels.repeatOf !== null),
  };

  const urgentPrecision = count((i) => tickets[i].labels.urgent, (i) => rows[i].urgent);
  const urgentRecall = count((i) => rows[i].urgent, (i) => tickets[i].labels.urgent);
  const place = {
    withCoordinates: count(samePlace, (i) => tickets[i].location !== null),
    fromText: count(samePlace, (i) => tickets[i].location === null),
  };
  const category = count(categoryRight);
  const enforceable = count((i) => rows[i].enforceable === tickets[i].labels.enforceable);

  const target = (name: string, s: Share, goal: number) => ({ name, value: s.value, target: goal, met: s.value === null || s.value >= goal });
  return {
    mode: meta.mode,
    modelVersion: meta.modelVersion,
    tickets: n,
    category,
    enforceable,
    urgent: { ...count((i) => rows[i].urgent === tickets[i].labels.urgent), precision: urgentPrecision, recall: urgentRecall },
    perCategory,
    confusion: { labels: [...CATEGORY_CODES], matrix },
    place,
    repeats,
    review: {
      flagged: count((i) => results[i].needsReview),
      accuracyFlagged: count(categoryRight, (i) => results[i].needsReview),
      accuracyNotFlagged: count(categoryRight, (i) => !results[i].needsReview),
    },
    targets: [
      target('category accuracy', category, TARGETS.category),
      target('enforceable accuracy', enforceable, TARGETS.enforceable),
      target('urgent recall', urgentRecall, TARGETS.urgentRecall),
      target('urgent precision', urgentPrecision, TARGETS.urgentPrecision),
      target('place exact, with coordinates', place.withCoordinates, TARGETS.placeWithCoordinates),
      target('place exact, from text', place.fromText, TARGETS.placeFromText),
      target('repeat pair precision', repeats.precision, TARGETS.repeatPrecision),
      target('repeat recall', repeats.recall, TARGETS.repeatRecall),
    ],
    notes: meta.notes ?? [],
  };
}

export function share(right: number, of: number): Share {
  return { right, of, value: of === 0 ? null : Math.round((right / of) * 10000) / 10000 };
}

/** The report as a person reads it: fixed widths, three decimals, no colour. */
export function formatReport(r: EvaluationReport): string {
  const lines: string[] = [];
  const title =
    r.mode === 'cross-validation'
      ? `classify:eval — ${r.tickets} tickets, 5-fold cross-validation (stratified by category, grouped by incident, seed fixed); each fold's model trained as the shipped one`
      : `classify:eval — ${r.tickets} tickets, shipped model ${r.modelVersion}`;
  lines.push(title, '');
  lines.push('judgement                          value    right/of');
  const row = (name: string, s: Share) => lines.push(`${name.padEnd(34)} ${fmt(s.value).padStart(5)}  ${`${s.right}/${s.of}`.padStart(10)}`);
  row('category accuracy', r.category);
  row('enforceable accuracy', r.enforceable);
  row('urgent accuracy', r.urgent);
  row('urgent precision', r.urgent.precision);
  row('urgent recall', r.urgent.recall);
  row('place exact, with coordinates', r.place.withCoordinates);
  row('place exact, from text', r.place.fromText);
  row(`repeat pair precision (${r.repeats.predictedPairs} pairs)`, r.repeats.precision);
  row('repeat recall', r.repeats.recall);
  row('flagged for review', r.review.flagged);
  row('  category accuracy, flagged', r.review.accuracyFlagged);
  row('  category accuracy, not flagged', r.review.accuracyNotFlagged);
  lines.push('');
  lines.push('category               support  precision  recall');
  for (const c of r.perCategory) {
    lines.push(`${c.category.padEnd(22)} ${String(c.support).padStart(7)}  ${fmt(c.precision.value).padStart(9)}  ${fmt(c.recall.value).padStart(6)}`);
  }
  lines.push('');
  lines.push('confusion matrix (rows: labeled, columns: predicted)');
  const abbrev = r.confusion.labels.map((l) => l.slice(0, 5));
  lines.push(`${''.padEnd(22)} ${abbrev.map((a) => a.padStart(5)).join(' ')}`);
  r.confusion.labels.forEach((label, i) => {
    lines.push(`${label.padEnd(22)} ${r.confusion.matrix[i].map((v) => (v === 0 ? '.' : String(v)).padStart(5)).join(' ')}`);
  });
  lines.push('');
  lines.push('targets');
  for (const t of r.targets) {
    lines.push(`  ${t.met ? 'met ' : 'MISS'}  ${t.name.padEnd(30)} ${fmt(t.value).padStart(5)}  (≥ ${t.target})`);
  }
  if (r.notes.length > 0) lines.push('', ...r.notes);
  return `${lines.join('\n')}\n`;
}

function fmt(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}
