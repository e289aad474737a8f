import mongoose, { type Connection } from 'mongoose';
import { testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { DEFAULT_REPEAT_LINKER_OPTIONS, type RepeatCandidate } from './repeat-linker';
import { candidateBlock, placeTokensOf } from './repeat-block.rules';
import { RepeatCandidateRepository, type RepeatCandidateRecord } from './repeat-candidate.repository';
import { StoredRepeatCandidate, StoredRepeatCandidateSchema } from './repeat-candidate.schema';

/** The block query and the candidate writes against the real store (FerretDB here, MongoDB in production). */
describe('RepeatCandidateRepository on the real store', () => {
  let conn: Connection;
  let repository: RepeatCandidateRepository;
  const at = (day: number) => new Date(Date.UTC(2024, 4, day, 2));

  const candidate = (id: string, overrides: Partial<RepeatCandidateRecord> = {}): RepeatCandidateRecord => ({
    complaintId: id,
    channel: 'hotline',
    text: '投诉内容',
    address: null,
    location: null,
    category: 'street_order',
    reportedAt: at(10),
    hotspotAreaId: null,
    communityId: null,
    placeTokens: [],
    repeatOf: null,
    repeatReasons: [],
    storedAt: new Date(),
    ...overrides,
  });

  /** The block of a new complaint on 31 May, as the service asks for it. */
  const blockOf = (overrides: Partial<RepeatCandidate>) => {
    const c: RepeatCandidate = {
      id: 'NEW',
      text: '',
      category: 'street_order',
      reportedAt: at(31),
      hotspotAreaId: null,
      communityId: null,
      location: null,
      address: null,
      ...overrides,
    };
    const block = candidateBlock(c, placeTokensOf(c.text, c.address), { ...DEFAULT_REPEAT_LINKER_OPTIONS, confusableCategories: [['household_waste', 'sanitation']] });
    if (!block) throw new Error('no block');
    return block;
  };
  const idsIn = async (overrides: Partial<RepeatCandidate>) => (await repository.findInBlock(blockOf(overrides))).map((r) => r.complaintId);

  beforeAll(async () => {
    conn = await mongoose.createConnection(testInfra().mongoUri, { dbName: testDbName(testNamespace('repeat-candidates'), 'classification'), retryWrites: false }).asPromise();
    const model = conn.model(StoredRepeatCandidate.name, StoredRepeatCandidateSchema);
    await model.init();
    repository = new RepeatCandidateRepository(model as never);
    for (const r of [
      candidate('COMMUNITY', { communityId: 'CM027', reportedAt: at(20) }),
      candidate('AREA', { hotspotAreaId: 'HS10', reportedAt: at(21) }),
      candidate('NEAR', { location: { lat: 36.08, lng: 120.36 }, reportedAt: at(22) }),
      candidate('FAR', { location: { lat: 36.09, lng: 120.36 }, reportedAt: at(22) }),
      candidate('ROAD', { placeTokens: placeTokensOf('郑州东路一家眼镜店招牌松动', null), reportedAt: at(23) }),
      candidate('OLD', { communityId: 'CM027', reportedAt: new Date(Date.UTC(2024, 4, 1, 1)) }), // 30 days and an hour before
      candidate('LATER', { communityId: 'CM027', reportedAt: new Date(Date.UTC(2024, 5, 2)) }),
      candidate('OTHER-CATEGORY', { communityId: 'CM027', category: 'gas', reportedAt: at(24) }),
      candidate('SANITATION', { communityId: 'CM048', category: 'sanitation', reportedAt: at(25) }),
      candidate('HOUSEHOLD', { communityId: 'CM048', category: 'household_waste', reportedAt: at(15) }),
    ]) {
      expect(await repository.insertOnce(r)).toBe(true);
    }
  });

  afterAll(async () => {
    await conn?.dropDatabase();
    await conn?.close();
  });

  it('builds the block indexes', async () => {
    const names = (await conn.collection('repeat_candidates').indexes()).map((i) => i.name);
    expect(names).toEqual(
      expect.arrayContaining(['category_1_reportedAt_-1', 'communityId_1_reportedAt_-1', 'hotspotAreaId_1_reportedAt_-1', 'placeTokens_1_reportedAt_-1', 'location.lat_1_location.lng_1', 'reportedAt_-1']),
    );
  });

  it('finds the same community inside the window and the category, but nothing older, later or of another category', async () => {
    expect(await idsIn({ communityId: 'CM027' })).toEqual(['COMMUNITY']);
  });

  it('finds the same area, coordinates within reach, and a road named in both', async () => {
    expect(await idsIn({ hotspotAreaId: 'HS10' })).toEqual(['AREA']);
    expect(await idsIn({ location: { lat: 36.0815, lng: 120.3615 } })).toEqual(['NEAR']);
    expect(await idsIn({ text: '郑州东路那家眼镜店的招牌还在晃' })).toEqual(['ROAD']);
  });

  it('joins the ways to a place with or, oldest first', async () => {
    expect(await idsIn({ communityId: 'CM027', hotspotAreaId: 'HS10', location: { lat: 36.0815, lng: 120.3615 } })).toEqual(['COMMUNITY', 'AREA', 'NEAR']);
  });

  it('takes in confusable categories', async () => {
    expect(await idsIn({ communityId: 'CM048', category: 'sanitation' })).toEqual(['HOUSEHOLD', 'SANITATION']);
  });

  it('keeps the newest when a block is larger than the cap', async () => {
    const block = blockOf({ communityId: 'CM027', hotspotAreaId: 'HS10', location: { lat: 36.0815, lng: 120.3615 } });
    expect((await repository.findInBlock(block, 2)).map((r) => r.complaintId)).toEqual(['AREA', 'NEAR']);
  });

  it('finds the newest of a window whatever their category or place, oldest first', async () => {
    const found = await repository.findNewest(at(15), at(25), 3);
    expect(found.map((r) => r.complaintId)).toEqual(['ROAD', 'OTHER-CATEGORY', 'SANITATION']);
  });

  it('inserts once and sets corrected facts', async () => {
    expect(await repository.insertOnce(candidate('COMMUNITY', { text: 'changed' }))).toBe(false);
    const correctedAt = new Date();
    expect(await repository.setFacts('COMMUNITY', { category: 'flyposting', hotspotAreaId: null, communityId: 'CM001', repeatOf: 'OLD' }, correctedAt)).toBe(true);
    expect(await repository.findById('COMMUNITY')).toMatchObject({ text: '投诉内容', category: 'flyposting', communityId: 'CM001', repeatOf: 'OLD', correctedAt });
    expect(await repository.setFacts('NOBODY', { category: 'gas', hotspotAreaId: null, communityId: null, repeatOf: null }, correctedAt)).toBe(false);
    expect((await repository.findByIds(['ROAD', 'NOBODY', 'AREA'])).map((r) => r.complaintId).sort()).toEqual(['AREA', 'ROAD']);
  });
});
