import { existsSync } from 'node:fs';
import type { Classification } from '../classifier/complaint-classifier';
import { CV_SEED } from '../classifier/training/cross-validation';
import { EnsembleClassifier } from '../classifier/ensemble-classifier';
import type { LabeledComplaint } from '../classifier/training/evaluation';
import { restrictedLexicon, trainModel, type LabeledTicket } from '../classifier/training/model-training';
import { PERTURBATIONS, SIDE_ISSUES, perturb } from '../classifier/training/perturbations';
import { PlaceLocator } from '../classifier/place-locator';
import { shippedModel } from '../classifier/shipped-model';
import { TextFeaturiser } from '../classifier/text-features';
import { stratifiedGroupFolds } from '../classifier/training/cross-validation';
import { PUBLIC_COMPLAINTS, parseOptions, readLabeledComplaints, resolvePath, type CliContext } from './cli-io';

const REWRITES = 'apps/classification/src/classifier/training/fixtures/colloquial-rewrites.jsonl';
const OTHER_STYLES = 'apps/classification/src/classifier/training/fixtures/other-styles.jsonl';

interface Figures {
  n: number;
  category: number;
  enforceable: number;
  urgentRecall: number | null;
  urgentPrecision: number | null;
}

/**
 * `classify:robustness`: how far the judgements move when held-out public
 * tickets are rewritten (punctuation dropped, characters swapped or
 * mistyped, an unrelated sentence added, colloquial rewrites), each judged
 * by the model of a cross-validation fold that never saw the original; and
 * the shipped model on tickets written in other styles.
 */
export function run(argv: readonly string[], ctx: CliContext): number {
  const options = parseOptions(argv, { json: 'flag' });
  const tickets = readLabeledComplaints(resolvePath(ctx.root, PUBLIC_COMPLAINTS)) as (LabeledComplaint & LabeledTicket)[];
  const rewrites = readIfPresent(resolvePath(ctx.root, REWRITES)) as (LabeledComplaint & { rewriteOf: string })[];
  const otherStyles = readIfPresent(resolvePath(ctx.root, OTHER_STYLES));

  const places = new PlaceLocator();
  const featuriser = new TextFeaturiser();
  const tokenCache = new Map<string, string[]>();
  const folds = stratifiedGroupFolds(tickets.map((t) => ({ id: t.id, category: t.labels.category, repeatOf: t.labels.repeatOf })));
  const variants = ['original', ...Object.keys(PERTURBATIONS)];
  const judged = new Map<string, { ticket: LabeledComplaint; result: Classification }[]>(variants.map((v) => [v, []]));
  judged.set('colloquial rewrite', []);
  judged.set('their originals', []);
  const foldOf = new Map(tickets.map((t, i) => [t.id, folds[i]]));

  for (let f = 0; f < 5; f++) {
    const train = tickets.filter((_, i) => folds[i] !== f);
    const artifact = trainModel(train, { places, featuriser, tokenCache });
    const classifier = new EnsembleClassifier(artifact, { places, featuriser, lexicon: restrictedLexicon(train, places) });
    tickets.forEach((t, i) => {
      if (folds[i] !== f) return;
      const others = tickets.filter((o) => o.labels.category !== t.labels.category).map((o) => o.text);
      const sideIssues = Object.entries(SIDE_ISSUES).filter(([c]) => c !== t.labels.category).map(([, s]) => s);
      for (const v of variants) {
        const pool = v === 'second issue in passing' ? sideIssues : others;
        const text = v === 'original' ? t.text : perturb(v, t.text, CV_SEED + i, pool);
        judged.get(v)?.push({ ticket: t, result: classifier.classify({ text, address: t.address, location: t.location }) });
      }
    });
    for (const r of rewrites) {
      if (foldOf.get(r.rewriteOf) !== f) continue;
      const original = tickets.find((t) => t.id === r.rewriteOf);
      judged.get('colloquial rewrite')?.push({ ticket: r, result: classifier.classify(r) });
      if (original) judged.get('their originals')?.push({ ticket: original, result: classifier.classify(original) });
    }
  }
  const shipped = new EnsembleClassifier(shippedModel(), { places, featuriser });
  const styles = otherStyles.map((t) => ({ ticket: t, result: shipped.classify(t) }));

  const table = [...judged.entries()].map(([name, rows]) => ({ name, ...figures(rows) }));
  table.push({ name: 'other styles (fixture), shipped model', ...figures(styles) });
  if (options['json']) {
    ctx.out(`${JSON.stringify(table, null, 2)}\n`);
    return 0;
  }
  const base = table[0];
  const lines = [
    'classify:robustness — held-out public tickets rewritten, each judged by the cross-validation model that never saw it',
    '',
    `${'variant'.padEnd(44)} ${'n'.padStart(4)}  category  enforceable  urgent R  urgent P   Δcategory`,
    ...table.map((t) =>
      [
        t.name.padEnd(44),
        String(t.n).padStart(4),
        ' ',
        fmt(t.category).padStart(8),
        fmt(t.enforceable).padStart(12),
        fmt(t.urgentRecall).padStart(9),
        fmt(t.urgentPrecision).padStart(9),
        (t.n === base.n ? signed(t.category - base.category) : '').padStart(11),
      ].join(' '),
    ),
    '',
  ];
  ctx.out(lines.join('\n'));
  return 0;
}

function readIfPresent(file: string): LabeledComplaint[] {
  return existsSync(file) ? readLabeledComplaints(file) : [];
}

function figures(rows: { ticket: LabeledComplaint; result: Classification }[]): Figures {
  const n = rows.length;
  const urgent = rows.filter((r) => r.ticket.labels.urgent);
  const flagged = rows.filter((r) => r.result.urgent);
  return {
    n,
    category: rows.filter((r) => r.result.category === r.ticket.labels.category).length / Math.max(n, 1),
    enforceable: rows.filter((r) => r.result.enforceable === r.ticket.labels.enforceable).length / Math.max(n, 1),
    urgentRecall: urgent.length ? urgent.filter((r) => r.result.urgent).length / urgent.length : null,
    urgentPrecision: flagged.length ? flagged.filter((r) => r.ticket.labels.urgent).length / flagged.length : null,
  };
}

function fmt(v: number | null): string {
  return v === null ? '—' : v.toFixed(3);
}

function signed(v: number): string {
  const s = v.toFixed(3);
  return v >= 0 ? `+${s}` : s;
}
