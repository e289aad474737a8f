import { createHash } from 'node:crypto';
import { CATEGORY_CODES } from '@pipeline/contracts';
import type { EnsembleWeights } from './ensemble';
import type { NaiveBayesCounts } from './naive-bayes';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './text-features';

/** Version of the artifact's layout; a loader refuses any other. */
export const ARTIFACT_FORMAT = 1;

const BINARY_LABELS = ['true', 'false'] as const;

/** The count columns of each token row, after the token itself. */
export const ARTIFACT_COLUMNS: readonly string[] = [
  ...CATEGORY_CODES.map((c) => `category:${c}`),
  ...BINARY_LABELS.map((l) => `enforceable:${l}`),
  ...BINARY_LABELS.map((l) => `urgent:${l}`),
];

interface HeadStats {
  samples: number[];
  words: number[];
}

/**
 * apps/classification/model/model.json: everything the classifier learnt,
 * written by `node tools/classify/train.mjs`. No timestamp: the same
 * training tickets give the same bytes, and the version is derived from the
 * content, so it changes exactly when the model does.
 */
export interface ModelArtifact {
  format: number;
  /** `ensemble-<format>.<first 12 hex of the content's sha256>`. */
  version: string;
  trainingSet: { sha256: string; tickets: number };
  features: FeatureConfig;
  naiveBayes: {
    smoothing: number;
    columns: string[];
    heads: { category: HeadStats; enforceable: HeadStats; urgent: HeadStats };
    /** One row per token of the sorted vocabulary: the token, then its count in each column. */
    tokens: (string | number)[][];
  };
  ensemble: EnsembleWeights;
  /** Out-of-fold figures measured while choosing the weights (for the record; eval recomputes them). */
  selection: Record<string, number>;
}

export type ArtifactContent = Omit<ModelArtifact, 'version'>;

export interface ModelHeads {
  category: NaiveBayesCounts;
  enforceable: NaiveBayesCounts;
  urgent: NaiveBayesCounts;
}

/** Builds the artifact from the three trained heads (over one shared vocabulary). */
export function buildArtifact(content: Omit<ArtifactContent, 'format' | 'naiveBayes'>, heads: ModelHeads): ModelArtifact {
  const { category, enforceable, urgent } = heads;
  const vocabulary = category.vocabulary;
  const same = (other: readonly string[]) => other.length === vocabulary.length && other.every((t, i) => t === vocabulary[i]);
  // The heads are trained on the same tickets and tokens; anything else is a trainer bug.
  if (!same(enforceable.vocabulary) || !same(urgent.vocabulary)) throw new Error('model heads must share one vocabulary');
  const withoutVersion: ArtifactContent = {
    format: ARTIFACT_FORMAT,
    trainingSet: content.trainingSet,
    features: content.features,
    naiveBayes: {
      smoothing: category.smoothing,
      columns: [...ARTIFACT_COLUMNS],
      heads: {
        category: { samples: category.samples, words: category.words },
        enforceable: { samples: enforceable.samples, words: enforceable.words },
        urgent: { samples: urgent.samples, words: urgent.words },
      },
      tokens: vocabulary.map((token, i) => [token, ...category.counts[i], ...enforceable.counts[i], ...urgent.counts[i]]),
    },
    ensemble: content.ensemble,
    selection: content.selection,
  };
  const hash = createHash('sha256').update(serialiseArtifact(withoutVersion)).digest('hex');
  const { format, ...rest } = withoutVersion;
  return { format, version: `ensemble-${ARTIFACT_FORMAT}.${hash.slice(0, 12)}`, ...rest };
}

/** Checks an artifact's layout and splits it into the three naive Bayes heads. */
export function readArtifact(raw: unknown): { artifact: ModelArtifact; heads: ModelHeads } {
  const artifact = raw as ModelArtifact;
  const fail = (why: string): never => {
    throw new Error(`model artifact: ${why}`);
  };
  if (!artifact || typeof artifact !== 'object') fail('not an object');
  if (artifact.format !== ARTIFACT_FORMAT) fail(`format ${String(artifact.format)}, expected ${ARTIFACT_FORMAT}`);
  if (typeof artifact.version !== 'string' || !artifact.version.startsWith(`ensemble-${ARTIFACT_FORMAT}.`)) fail('missing version');
  if (artifact.features?.scheme !== DEFAULT_FEATURE_CONFIG.scheme) fail(`feature scheme ${String(artifact.features?.scheme)} is not implemented`);
  const nb = artifact.naiveBayes;
  if (!nb || nb.columns?.join() !== ARTIFACT_COLUMNS.join()) fail('columns differ from this code (taxonomy changed?)');
  const width = ARTIFACT_COLUMNS.length + 1;
  const vocabulary: string[] = [];
  const rows: number[][] = [];
  for (const row of nb.tokens) {
    if (row.length !== width || typeof row[0] !== 'string') fail(`bad token row ${JSON.stringify(row).slice(0, 60)}`);
    vocabulary.push(row[0] as string);
    rows.push(row.slice(1) as number[]);
  }
  const head = (labels: readonly string[], from: number, stats: HeadStats): NaiveBayesCounts => {
    if (stats.samples.length !== labels.length || stats.words.length !== labels.length) fail('head statistics do not match the labels');
    return {
      labels: [...labels],
      smoothing: nb.smoothing,
      samples: stats.samples,
      words: stats.words,
      vocabulary,
      counts: rows.map((r) => r.slice(from, from + labels.length)),
    };
  };
  const n = CATEGORY_CODES.length;
  const heads: ModelHeads = {
    category: head(CATEGORY_CODES, 0, nb.heads.category),
    enforceable: head(BINARY_LABELS, n, nb.heads.enforceable),
    urgent: head(BINARY_LABELS, n + 2, nb.heads.urgent),
  };
  return { artifact, heads };
}

/**
 * Deterministic, diff-friendly JSON: two-space indentation, arrays of plain
 * values on one line (so each token row is one line).
 */
export function serialiseArtifact(value: unknown): string {
  return `${write(value, '')}\n`;
}

function write(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + write(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const inner = indent + '  ';
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
