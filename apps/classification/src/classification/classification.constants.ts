/** Injection token of the ComplaintClassifier: the keyword classifier now, a trained model later. */
export const COMPLAINT_CLASSIFIER = Symbol('COMPLAINT_CLASSIFIER');
