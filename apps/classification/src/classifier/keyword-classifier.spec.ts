// The contracts' event classes use class-transformer decorators, which need
// the Reflect metadata API; Nest loads it in the service, the spec loads it here.
import 'reflect-metadata';
import { readPublicComplaints, type PublicComplaint } from '@pipeline/reference-data';
import { KeywordClassifier, LEXICON_MODEL_VERSION } from './keyword-classifier';

describe('KeywordClassifier', () => {
  const classifier = new KeywordClassifier();
  const tickets = new Map(readPublicComplaints().map((t) => [t.id, t]));
  const classify = (id: string) => {
    const t = tickets.get(id) as PublicComplaint;
    return classifier.classify({ text: t.text, address: t.address, location: t.location });
  };

  it('files street vending at the station as enforceable street order in HS03', () => {
    const result = classify('T00200'); // 流动摊贩推着三轮车卖煎饼 … 青岛火车站北广场
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
      modelVersion: LEXICON_MODEL_VERSION,
    });
    expect(result.explanation.category).toEqual(expect.arrayContaining(['流动摊+3', '摊贩+3']));
  });

  it('files a full bin as household waste, a service request that is not enforceable', () => {
    const result = classify('T00081'); // 几个垃圾箱已满溢一周多
    expect(result).toMatchObject({
      category: 'household_waste',
      enforceable: false,
      urgent: false,
      responsibleBody: 'sanitation_department',
      hotspotAreaId: null,
      communityId: null,
    });
    expect(result.explanation.category).toContain('满溢+3');
    expect(result.explanation.enforceable).toContain('满溢-1.5');
  });

  it('files a gas smell in a stairwell as urgent gas in the named community', () => {
    const result = classify('T00111'); // 楼道内燃气味道很浓
    expect(result).toMatchObject({
      category: 'gas',
      urgent: true,
      enforceable: false,
      responsibleBody: 'gas_company',
      communityId: 'CM050',
      district: '李沧区',
    });
    expect(result.confidence.urgent).toBeGreaterThan(0.7);
    expect(result.explanation.urgent).toContain('燃气味+4');
  });

  it('marks a sign about to fall as urgent but not a case', () => {
    const result = classifier.classify({ text: '香港中路一家饭店的招牌被风刮得一侧脱落，随时可能坠落，下面就是公交站' });
    expect(result).toMatchObject({ category: 'advertising', urgent: true, enforceable: false });
  });

  it('does not let 小广告 also count as outdoor advertising', () => {
    const result = classifier.classify({ text: '单元门口贴满了开锁、办证的小广告' });
    expect(result.category).toBe('flyposting');
    expect(result.explanation.category).not.toContain('广告+1');
  });

  it('falls back to other with low confidence and asks for review when nothing matches', () => {
    const result = classifier.classify({ text: '你好' });
    expect(result).toMatchObject({
      category: 'other',
      enforceable: false,
      urgent: false,
      needsReview: true,
      responsibleBody: 'other_competent_body',
      placeMethod: 'none',
      explanation: { category: [], urgent: [], place: ['未能定位'] },
    });
    expect(result.confidence.category).toBeLessThan(0.5);
  });

  it('asks for review when two categories are nearly level', () => {
    const result = classifier.classify({ text: '工地门口有人摆摊' });
    expect(result.needsReview).toBe(true);
  });

  it('keeps every confidence in [0, 1] and is deterministic', () => {
    for (const t of [...tickets.values()].slice(0, 50)) {
      const input = { text: t.text, address: t.address, location: t.location };
      const result = classifier.classify(input);
      for (const c of Object.values(result.confidence)) {
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }
      expect(classifier.classify(input)).toEqual(result);
    }
  });
});
