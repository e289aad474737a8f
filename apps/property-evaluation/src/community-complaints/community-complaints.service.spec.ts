import type { ComplaintClassifiedV1 } from '@pipeline/contracts';
import { DomainError } from '@pipeline/http';
import type { CommunityComplaintRecord, CommunityComplaintsRepository, ComplaintTally } from './community-complaints.repository';
import { quarterOf } from './community-complaints.rules';
import { CommunityComplaintsService } from './community-complaints.service';

/** In-memory stand-in with the repository's contract: first write per complaint wins, tallies by key. */
class FakeRepository implements Pick<CommunityComplaintsRepository, 'insertOnce' | 'tally'> {
  readonly records = new Map<string, CommunityComplaintRecord>();
  tallyCalls = 0;

  async insertOnce(record: CommunityComplaintRecord): Promise<boolean> {
    if (this.records.has(record._id)) return false;
    this.records.set(record._id, record);
    return true;
  }

  async tally(period: string, communityId?: string): Promise<ComplaintTally[]> {
    this.tallyCalls++;
    const counts = new Map<string, ComplaintTally>();
    for (const r of this.records.values()) {
      if (r.period !== period || r.communityId === null || (communityId && r.communityId !== communityId)) continue;
      const key = `${r.communityId}:${r.isPropertyService}`;
      const t = counts.get(key) ?? { communityId: r.communityId, isPropertyService: r.isPropertyService, count: 0 };
      t.count++;
      counts.set(key, t);
    }
    return [...counts.values()];
  }
}

function classified(overrides: Partial<ComplaintClassifiedV1> = {}): ComplaintClassifiedV1 {
  return {
    complaintId: 'c-1',
    category: 'property_service',
    enforceable: false,
    urgent: false,
    confidence: { category: 0.9, enforceable: 0.9, urgent: 0.9 },
    communityId: 'CM001',
    hotspotAreaId: null,
    repeatOf: null,
    responsibleBody: 'property_authority',
    needsReview: false,
    modelVersion: 'test',
    channel: 'hotline',
    reportedAt: '2024-02-10T09:00:00+08:00',
    receivedAt: '2024-02-10T09:01:00+08:00',
    ...overrides,
  };
}

describe('CommunityComplaintsService', () => {
  let repo: FakeRepository;
  let service: CommunityComplaintsService;

  beforeEach(() => {
    repo = new FakeRepository();
    service = new CommunityComplaintsService(repo as unknown as CommunityComplaintsRepository);
  });

  it('records a complaint with its Shanghai quarter, category and repeat link', async () => {
    expect(await service.record(classified({ reportedAt: '2024-03-31T16:30:00Z', repeatOf: 'c-0' }))).toBe('recorded');
    expect(repo.records.get('c-1')).toMatchObject({ communityId: 'CM001', category: 'property_service', isPropertyService: true, period: '2024Q2', repeatOf: 'c-0' });
  });

  it('ignores complaints without a community', async () => {
    expect(await service.record(classified({ communityId: null }))).toBe('no-community');
    expect(await service.record(classified({ communityId: undefined }))).toBe('no-community');
    expect(repo.records.size).toBe(0);
  });

  it('keeps the first record of a complaint', async () => {
    await service.record(classified());
    expect(await service.record(classified({ category: 'street_order' }))).toBe('duplicate');
    expect(repo.records.get('c-1')?.category).toBe('property_service');
  });

  it('lists all 100 communities in id order from one tally', async () => {
    await service.record(classified({ complaintId: 'a', communityId: 'CM002' }));
    await service.record(classified({ complaintId: 'b', communityId: 'CM002', category: 'street_order' }));
    const rows = await service.list('2024Q1');
    expect(repo.tallyCalls).toBe(1);
    expect(rows).toHaveLength(100);
    expect(rows.map((r) => r.communityId)).toEqual([...rows.map((r) => r.communityId)].sort());
    expect(rows[0]).toMatchObject({ communityId: 'CM001', period: '2024Q1', complaints: 0, propertyServiceComplaints: 0, perHundredHouseholds: 0 });
    expect(rows[1]).toMatchObject({ communityId: 'CM002', households: 540, complaints: 2, propertyServiceComplaints: 1, perHundredHouseholds: 0.19 });
  });

  it('defaults to the current quarter', async () => {
    const row = await service.get('CM001');
    expect(row.period).toBe(quarterOf(new Date()));
  });

  it('answers COMMUNITY_NOT_FOUND for an unknown community', async () => {
    await expect(service.get('CM999', '2024Q1')).rejects.toMatchObject({ constructor: DomainError, kind: 'not_found', code: 'COMMUNITY_NOT_FOUND' });
  });
});
