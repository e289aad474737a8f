import { DocumentFrequencies, characterNgrams, cosine, similaritySegments } from './text-similarity';

describe('similaritySegments', () => {
  it('drops work-order boilerplate and cuts at punctuation and emoji', () => {
    expect(similaritySegments('工单内容：来电人反映，垃圾桶满了😡 诉求：尽快清运')).toEqual(['垃圾桶满了', '尽快清运']);
  });

  it('writes every number, in digits or Chinese, as one placeholder', () => {
    expect(similaritySegments('三天没人收，第12天')).toEqual(similaritySegments('5天没人收，第七天'));
  });
});

describe('characterNgrams', () => {
  it('counts bigrams and trigrams inside segments only', () => {
    const terms = characterNgrams(['垃圾桶', '垃圾']);
    // 垃圾 ×2, 圾桶, 垃圾桶: three distinct grams, sorted codes.
    expect(terms.codes).toHaveLength(3);
    expect([...terms.codes]).toEqual([...terms.codes].sort((a, b) => a - b));
    expect([...terms.tf].sort()).toEqual([1, 1, 1 + Math.log(2)].sort());
  });
});

describe('TF-IDF cosine', () => {
  const docs = ['楼道里贴满小广告', '楼道里燃气味很浓', '楼道里暖气不热', '小区门口垃圾桶满了'].map((t) => characterNgrams(similaritySegments(t)));
  const frequencies = new DocumentFrequencies();
  for (const d of docs) frequencies.add(d);

  it('is 1 for the same text and 0 for texts with nothing in common', () => {
    expect(cosine(frequencies.weigh(docs[0]), frequencies.weigh(docs[0]))).toBeCloseTo(1, 10);
    expect(cosine(frequencies.weigh(docs[2]), frequencies.weigh(docs[3]))).toBe(0);
  });

  it('weighs a rare shared phrase above a common one', () => {
    // Both share three grams with 楼道里贴满小广告: 小广告 with no other
    // document, 楼道里 with every stairwell complaint.
    const rare = characterNgrams(similaritySegments('小广告'));
    const common = characterNgrams(similaritySegments('楼道里'));
    const target = frequencies.weigh(docs[0]);
    expect(cosine(frequencies.weigh(rare), target)).toBeGreaterThan(cosine(frequencies.weigh(common), target));
  });
});
