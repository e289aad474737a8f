// The artifact is imported, not read from disk: webpack puts it in the
// service bundle, so dist/apps/classification/main.js needs no file beside it.
import model from '../../model/model.json';
import { EnsembleClassifier, type EnsembleOptions } from './ensemble-classifier';
import type { ModelArtifact } from './model-artifact';

/** The model trained by `node tools/classify/train.mjs` and committed in apps/classification/model. */
export function shippedModel(): ModelArtifact {
  return model as unknown as ModelArtifact;
}

/** The classifier the service uses: the shipped model with the lexicon and the place locator. */
export function createShippedClassifier(options: EnsembleOptions = {}): EnsembleClassifier {
  return new EnsembleClassifier(shippedModel(), options);
}
