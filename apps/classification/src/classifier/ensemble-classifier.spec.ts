import { readPublicComplaints, type PublicComplaint } from '@pipeline/reference-data';
import { EnsembleClassifier } from './ensemble-classifier';
import { createShippedClassifier, shippedModel } from './shipped-model';

describe('EnsembleClassifier (shipped model)', () => {
  const classifier = createShippedClassifier();
  const tickets = new Map(readPublicComplaints().map((t) => [t.id, t]));
  const classify = (id: string) => {
    const t = tickets.get(id) as PublicComplaint;
    return classifier.classify({ text: t.text, address: t.address, location: t.location });
  };

  it('files street vending at the station as enforceable street order in HS03, and says why', () => {
    const result = classify('T00200');
    expect(result).toMatchObject({
      category: 'street_order',
      enforceable: true,
      urgent: false,
      hotspotAreaId: 'HS03',
      communityId: null,
      district: '市南区',
      placeMethod: 'text',
      responsibleBody: 'district_enforcement_squad',
      needsReview: false,
      modelVersion: shippedModel().version,
    });
    // lexicon hits and the model's own tokens, with their weights
    expect(result.explanation.category).toEqual(expect.arrayContaining(['流动摊+3', '摊贩+3']));
    expect(result.explanation.category.some((e) => /^「.+」\+\d/.test(e))).toBe(true);
    expect(result.explanation.enforceable[0]).toBe('类别先验(街面秩序)+2.5');
  });

  it('files a full bin as household waste, not enforceable', () => {
    expect(classify('T00081')).toMatchObject({ category: 'household_waste', enforceable: false, urgent: false, responsibleBody: 'sanitation_department' });
  });

  it('files a gas smell in a stairwell as urgent gas in the named community', () => {
    const result = classify('T00111');
    expect(result).toMatchObject({ category: 'gas', urgent: true, enforceable: false, communityId: 'CM050', responsibleBody: 'gas_company' });
    expect(result.confidence.urgent).toBeGreaterThan(0.8);
    expect(result.explanation.urgent).toContain('燃气味+4');
  });

  it('files illegal bottled-gas trade as enforceable gas', () => {
    expect(classifier.classify({ text: '楼下有人开了个小卖部偷偷卖液化气罐，一屋子的罐子，旁边就是幼儿园' })).toMatchObject({
      category: 'gas',
      enforceable: true,
      urgent: false,
    });
  });

  it('hears danger in everyday words and through a misspelling', () => {
    expect(classifier.classify({ text: '半夜闻到楼道里一股然气味，好大的味儿，不知道哪家的' })).toMatchObject({ category: 'gas', urgent: true });
    expect(classifier.classify({ text: '救命 电梯卡住了 在七八楼中间 里面关着一个老人一个小孩' })).toMatchObject({ category: 'property_service', urgent: true });
    expect(classifier.classify({ text: '学校门口修路挖了条大沟，连个围挡都没有，晚上电动车差点骑进去' })).toMatchObject({
      category: 'construction_site',
      urgent: true,
    });
  });

  it('marks a sign about to fall as urgent but not a case', () => {
    expect(classifier.classify({ text: '香港中路一家饭店的招牌被风刮得一侧脱落，随时可能坠落，下面就是公交站' })).toMatchObject({
      category: 'advertising',
      urgent: true,
      enforceable: false,
    });
  });

  it('answers other with low confidence, and asks for review, when nothing is recognised', () => {
    const result = classifier.classify({ text: '你好' });
    expect(result).toMatchObject({ category: 'other', needsReview: true, placeMethod: 'none', explanation: { category: [], place: ['未能定位'] } });
    expect(result.confidence.category).toBeLessThan(shippedModel().ensemble.reviewBelow);
  });

  it('keeps every confidence in [0, 1] and is deterministic', () => {
    for (const t of [...tickets.values()].slice(0, 60)) {
      const input = { text: t.text, address: t.address, location: t.location };
      const result = classifier.classify(input);
      for (const c of Object.values(result.confidence)) {
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }
      expect(classifier.classify(input)).toEqual(result);
    }
  });

  it('refuses an artifact it cannot read', () => {
    expect(() => new EnsembleClassifier({ ...shippedModel(), format: 9 })).toThrow(/format/);
  });
});
