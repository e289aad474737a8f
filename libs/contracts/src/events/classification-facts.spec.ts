import { classificationFacts } from './classification-facts';
import type { ComplaintClassificationCorrectedV1, ComplaintClassifiedV1 } from './complaints';

const classified: ComplaintClassifiedV1 = {
  complaintId: 'C-1',
  category: 'street_order',
  enforceable: true,
  urgent: false,
  confidence: { category: 0.9, enforceable: 0.8 },
  responsibleBody: 'district_enforcement_squad',
  needsReview: false,
} as ComplaintClassifiedV1;

describe('classificationFacts', () => {
  it('gives every optional fact, null where the event leaves it out', () => {
    expect(classificationFacts(classified)).toEqual({
      category: 'street_order',
      enforceable: true,
      urgent: false,
      hotspotAreaId: null,
      communityId: null,
      district: null,
      repeatOf: null,
      responsibleBody: 'district_enforcement_squad',
    });
  });

  it('keeps the facts a correction states, and nothing beyond them', () => {
    const corrected = {
      complaintId: 'C-2',
      category: 'property_service',
      enforceable: false,
      urgent: true,
      hotspotAreaId: 'HS01',
      communityId: 'CM001',
      district: '市南区',
      repeatOf: 'C-1',
      responsibleBody: 'property_authority',
      previous: { category: 'street_order' },
      reportedAt: '2024-03-01T09:00:00+08:00',
      correctedBy: 'clerk-1',
      reason: '位置有误',
    } as ComplaintClassificationCorrectedV1;
    expect(classificationFacts(corrected)).toEqual({
      category: 'property_service',
      enforceable: false,
      urgent: true,
      hotspotAreaId: 'HS01',
      communityId: 'CM001',
      district: '市南区',
      repeatOf: 'C-1',
      responsibleBody: 'property_authority',
    });
  });
});
