import { DEFAULT_REPEAT_LINKER_OPTIONS, type RepeatCandidate } from './repeat-linker';
import { candidateBlock, comparedCategories, excerpt, geoBox, placeTokensOf, repeatExplanation } from './repeat-block.rules';

const complaint = (overrides: Partial<RepeatCandidate> = {}): RepeatCandidate => ({
  id: 'C-2',
  text: '台东三路夜市的烧烤摊又占了人行道',
  category: 'street_order',
  reportedAt: new Date('2024-05-31T20:00:00+08:00'),
  hotspotAreaId: 'HS10',
  communityId: null,
  location: { lat: 36.08, lng: 120.36 },
  address: null,
  ...overrides,
});

describe('candidateBlock', () => {
  it("is the linker's window before the complaint, its category and every way to the same place", () => {
    const block = candidateBlock(complaint(), ['台东3路'], DEFAULT_REPEAT_LINKER_OPTIONS);
    expect(block).toEqual({
      categories: ['street_order'],
      from: new Date('2024-05-01T20:00:00+08:00'),
      to: new Date('2024-05-31T20:00:00+08:00'),
      communityId: null,
      hotspotAreaId: 'HS10',
      box: geoBox({ lat: 36.08, lng: 120.36 }, 300),
      placeTokens: ['台东3路'],
    });
  });

  it('takes in the categories declared confusable with the complaint’s', () => {
    const confusable = [['household_waste', 'sanitation'], ['street_order', 'sanitation'], ['gas', 'heating']] as const;
    expect(comparedCategories('sanitation', confusable)).toEqual(['sanitation', 'household_waste', 'street_order']);
    expect(comparedCategories('other', confusable)).toEqual(['other']);
    const block = candidateBlock(complaint({ category: 'household_waste' }), [], { ...DEFAULT_REPEAT_LINKER_OPTIONS, confusableCategories: confusable });
    expect(block?.categories).toEqual(['household_waste', 'sanitation']);
  });

  it('is empty (null) when nothing places the complaint: the linker links nothing without a place', () => {
    expect(candidateBlock(complaint({ hotspotAreaId: null, location: null }), [], DEFAULT_REPEAT_LINKER_OPTIONS)).toBeNull();
    expect(candidateBlock(complaint({ hotspotAreaId: null, location: null }), ['郑州东路'], DEFAULT_REPEAT_LINKER_OPTIONS)).not.toBeNull();
  });
});

describe('geoBox', () => {
  it('holds every point within reach, east–west as well as north–south', () => {
    const centre = { lat: 36.08, lng: 120.36 };
    const box = geoBox(centre, 300);
    // 300 m north is 0.002695° of latitude; 300 m east at 36° north is 0.003333° of longitude
    expect(box.maxLat - centre.lat).toBeGreaterThan(0.002695);
    expect(box.maxLng - centre.lng).toBeGreaterThan(0.003333);
    expect(box.maxLng - centre.lng).toBeLessThan(0.0034);
  });
});

describe('placeTokensOf', () => {
  it("reads the roads and landmarks of the address and the text, as the linker does", () => {
    expect(placeTokensOf('台东三路夜市的烧烤摊又占了人行道', null)).toEqual(expect.arrayContaining(['台东3路']));
    expect(placeTokensOf('门头招牌松动', '市北区郑州东路')).toEqual(expect.arrayContaining(['郑州东路']));
    expect(placeTokensOf('门头招牌松动', null)).toEqual([]);
  });
});

describe('excerpt', () => {
  it('keeps short texts whole and cuts long ones at 80 characters with an ellipsis', () => {
    expect(excerpt('  楼道里\n贴满小广告  ')).toBe('楼道里 贴满小广告');
    const long = '占'.repeat(120);
    expect(excerpt(long)).toHaveLength(80);
    expect(excerpt(long).endsWith('…')).toBe(true);
    expect(excerpt('占'.repeat(80))).toBe('占'.repeat(80));
  });

  it('never splits a character outside the basic plane', () => {
    const text = `${'𠀀'.repeat(100)}`;
    expect(Array.from(excerpt(text))).toHaveLength(80);
  });
});

describe('repeatExplanation', () => {
  it("names the first report and the linker's reasons", () => {
    expect(repeatExplanation({ repeatOf: 'T00002', score: 0.62, reasons: ['同一小区 CM027', '文本相似度 0.31'] })).toEqual([
      '重复件：与首报 T00002 为同一事件（得分 0.62）',
      '同一小区 CM027',
      '文本相似度 0.31',
    ]);
    expect(repeatExplanation(null)).toEqual([]);
  });
});
