// The package ships no types; this declares the part the trainer uses.
declare module 'wink-naive-bayes-text-classifier' {
  interface NaiveBayesTextClassifier {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    definePrepTasks(tasks: ((input: unknown) => unknown)[]): number;
    learn(input: string | string[], label: string): boolean;
    consolidate(): boolean;
    computeOdds(input: string | string[]): [string, number][];
    predict(input: string | string[]): string;
    exportJSON(): string;
    importJSON(json: string): boolean;
    reset(): boolean;
  }
  function naiveBayesTextClassifier(): NaiveBayesTextClassifier;
  export = naiveBayesTextClassifier;
}
