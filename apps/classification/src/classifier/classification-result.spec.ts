import type { PlaceMatch } from './complaint-classifier';
import { classificationOf, describeHit, describePlace, roundConfidence, signed, type Judgements } from './classification-result';

describe('classificationOf', () => {
  const place: PlaceMatch = { hotspotAreaId: 'HS03', communityId: null, district: '市南区', method: 'text', matchedName: '青岛火车站' };
  const judgements = (patch: Partial<Judgements> = {}): Judgements => ({
    category: { code: 'street_order', confidence: 0.81, explanation: ['摊贩+3'] },
    enforceable: { value: true, confidence: 0.97, explanation: ['占道+1'] },
    urgent: { value: false, confidence: 0.9, explanation: [] },
    place,
    reviewBelow: 0.5,
    modelVersion: 'test-1',
    ...patch,
  });

  it('lays out the judgements, the place and the category’s responsible body', () => {
    expect(classificationOf(judgements())).toEqual({
      category: 'street_order',
      enforceable: true,
      urgent: false,
      confidence: { category: 0.81, enforceable: 0.97, urgent: 0.9 },
      hotspotAreaId: 'HS03',
      communityId: null,
      district: '市南区',
      placeMethod: 'text',
      responsibleBody: 'district_enforcement_squad',
      needsReview: false,
      modelVersion: 'test-1',
      explanation: {
        category: ['摊贩+3'],
        enforceable: ['类别先验(街面秩序)+2.5', '占道+1'],
        urgent: [],
        place: ['文本提及「青岛火车站」→ HS03'],
      },
    });
  });

  it('asks a person to confirm a category below the review threshold, not at it', () => {
    const at = (confidence: number) => classificationOf(judgements({ category: { code: 'sanitation', confidence, explanation: [] } }));
    expect(at(0.49).needsReview).toBe(true);
    expect(at(0.5).needsReview).toBe(false);
    expect(at(0.49).responsibleBody).toBe('sanitation_department');
    expect(at(0.49).explanation.enforceable[0]).toBe('类别先验(环境卫生)-4');
  });
});

describe('describing a result', () => {
  it('names each way a place was found', () => {
    const ids = { hotspotAreaId: 'HS01', communityId: 'C001', district: '市北区' };
    expect(describePlace({ ...ids, method: 'coordinates' })).toBe('坐标落在 HS01/C001');
    expect(describePlace({ ...ids, method: 'text', matchedName: '浮山后四小区', matchKind: 'suffix' })).toBe('文本提及「浮山后四小区」（省略后缀）→ HS01/C001');
    expect(describePlace({ ...ids, method: 'text', matchedName: '浮山后四小区', matchKind: 'typo', written: '浮山候4小区' })).toBe(
      '文本「浮山候4小区」近似「浮山后四小区」→ HS01/C001',
    );
    expect(describePlace({ hotspotAreaId: null, communityId: null, district: null, method: 'none' })).toBe('未能定位');
  });

  it('signs weights and keeps confidences to three decimals', () => {
    expect(signed(2)).toBe('+2');
    expect(signed(0)).toBe('+0');
    expect(signed(-0.5)).toBe('-0.5');
    expect(describeHit({ term: '占道', weight: 1.5 })).toBe('占道+1.5');
    expect(roundConfidence(0.81649)).toBe(0.816);
  });
});
