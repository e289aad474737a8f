import naiveBayesTextClassifier from 'wink-naive-bayes-text-classifier';
import { NaiveBayesScorer, Vocabulary } from './naive-bayes';
import { trainNaiveBayes } from './training/naive-bayes-training';

describe('naive Bayes', () => {
  const documents = [
    ['摊贩', '占道', '烧烤', '人行道'],
    ['摊贩', '叫卖', '三轮车'],
    ['烧烤', '油烟', '占道'],
    ['电梯', '物业', '维修'],
    ['物业', '收费', '停车'],
    ['电梯', '困人', '物业'],
    ['暖气', '不热', '热力公司'],
    ['暖气', '室温', '物业'],
  ];
  const labels = ['street', 'street', 'street', 'property', 'property', 'property', 'heating', 'heating'];
  const order = ['street', 'property', 'heating'];
  const counts = trainNaiveBayes(documents, labels, order, 0.5);

  it('keeps wink’s counts in a sorted, label-ordered form', () => {
    expect(counts.labels).toEqual(order);
    expect(counts.samples).toEqual([3, 3, 2]);
    expect(counts.vocabulary).toEqual([...counts.vocabulary].sort());
    expect(counts.counts[counts.vocabulary.indexOf('物业')]).toEqual([0, 3, 1]);
  });

  it('scores exactly as wink’s computeOdds', () => {
    const wink = naiveBayesTextClassifier();
    wink.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
    documents.forEach((d, i) => wink.learn(d, labels[i]));
    wink.consolidate();
    const scorer = new NaiveBayesScorer(counts);
    for (const input of [['物业', '电梯'], ['烧烤', '占道', '未知词'], ['暖气', '物业']]) {
      const expected = Object.fromEntries(wink.computeOdds(input));
      const { odds } = scorer.score(input);
      order.forEach((label, c) => expect(odds[c]).toBeCloseTo(expected[label], 10));
    }
  });

  it('knows nothing of unknown tokens and says so', () => {
    expect(new NaiveBayesScorer(counts).score(['完全陌生'])).toEqual({ odds: [0, 0, 0], known: 0 });
  });

  it('names the tokens that weighed most for a label, heaviest first', () => {
    const scorer = new NaiveBayesScorer(counts);
    const rows = scorer.vocabulary.lookup(['物业', '电梯', '烧烤', '困人']);
    const top = scorer.topTokens(rows, order.indexOf('property'), 2);
    expect(top.map((t) => t.token)).toEqual(['电梯', '困人']);
    expect(top[0].weight).toBeGreaterThanOrEqual(top[1].weight);
    const against = scorer.topTokens(rows, order.indexOf('property'), 5, -1);
    expect(against.map((t) => t.token)).toContain('烧烤');
    expect(against.every((t) => t.weight < 0)).toBe(true);
  });

  it('refuses a vocabulary that does not match the counts, and a label without tickets', () => {
    expect(() => new NaiveBayesScorer(counts, new Vocabulary(['a']))).toThrow(/vocabulary/);
    expect(() => trainNaiveBayes(documents, labels, [...order, 'gas'], 0.5)).toThrow(/gas/);
  });
});
