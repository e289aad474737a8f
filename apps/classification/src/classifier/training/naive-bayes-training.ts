import naiveBayesTextClassifier from 'wink-naive-bayes-text-classifier';
import type { NaiveBayesCounts } from '../naive-bayes';

/** wink's export: [config, samples per label, counts per label and token, words per label, vocabulary]. */
type WinkExport = [unknown, Record<string, number>, Record<string, Record<string, number>>, Record<string, number>, string[]];

/**
 * Trains a multinomial naive Bayes model with wink-naive-bayes-text-classifier
 * on presence counts (each token once per ticket) and returns its counts in
 * the artifact's sorted form. `labels` fixes the label order; a label with no
 * training ticket is an error rather than a silently missing class.
 */
export function trainNaiveBayes(
  documents: readonly (readonly string[])[],
  targets: readonly string[],
  labels: readonly string[],
  smoothing: number,
): NaiveBayesCounts {
  const nb = naiveBayesTextClassifier();
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: smoothing });
  documents.forEach((tokens, i) => nb.learn([...tokens], targets[i]));
  const [, samples, count, words, vocabulary] = JSON.parse(nb.exportJSON()) as WinkExport;
  const missing = labels.filter((label) => !samples[label]);
  if (missing.length > 0) throw new Error(`naive Bayes: no training ticket for ${missing.join(', ')}`);
  const sorted = [...vocabulary].sort();
  return {
    labels: [...labels],
    smoothing,
    samples: labels.map((l) => samples[l]),
    words: labels.map((l) => words[l] ?? 0),
    vocabulary: sorted,
    counts: sorted.map((token) => labels.map((l) => count[l]?.[token] ?? 0)),
  };
}
