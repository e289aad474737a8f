import { community, hotspotArea, referenceData, type ReferenceData } from '@pipeline/reference-data';
import { PlaceLocator } from './place-locator';

const at = (feature: { center: readonly [number, number] } | undefined) => {
  if (!feature) throw new Error('feature missing from the reference data');
  return { lng: feature.center[0], lat: feature.center[1] };
};

describe('PlaceLocator', () => {
  const locator = new PlaceLocator();

  describe('with coordinates', () => {
    it('finds a hotspot area that holds no community', () => {
      expect(referenceData().communities.some((c) => c.hotspotAreaId === 'HS02')).toBe(false);
      expect(locator.locate({ text: '', location: at(hotspotArea('HS02')) })).toEqual({
        hotspotAreaId: 'HS02', communityId: null, district: '市南区', method: 'coordinates',
      });
    });

    it('gives both ids for a community nested in a hotspot area', () => {
      expect(locator.locate({ text: '', location: at(community('CM023')) })).toEqual({
        hotspotAreaId: 'HS14', communityId: 'CM023', district: '市北区', method: 'coordinates',
      });
    });

    it('gives only the community for one outside every hotspot area', () => {
      // T00002: 洛阳路小区9号楼, reported with coordinates
      expect(locator.locate({ text: '楼道贴满了小广告', location: { lat: 36.117337, lng: 120.36474 } })).toMatchObject({
        hotspotAreaId: null, communityId: 'CM027', method: 'coordinates',
      });
    });

    it('puts a point outside every polygon nowhere, whatever the text names', () => {
      expect(locator.locate({ text: '劈柴院门口有人摆摊', address: '劈柴院', location: { lat: 36.3, lng: 120.0 } })).toEqual({
        hotspotAreaId: null, communityId: null, district: null, method: 'none',
      });
    });
  });

  describe('without coordinates', () => {
    it('finds a hotspot area by an alias in the text', () => {
      expect(locator.locate({ text: '劈材院东口至中山路一段每天下午有流动商贩' })).toEqual({
        hotspotAreaId: 'HS01', communityId: null, district: '市南区', method: 'text', matchedName: '劈材院',
      });
    });

    it('prefers a community and takes its hotspot area from the reference data', () => {
      // 莘县路 is an alias of HS12; 莘县路宿舍 of CM022, which lies in HS12.
      expect(locator.locate({ text: '小港湾莘县路宿舍3号楼楼顶加盖' })).toEqual({
        hotspotAreaId: 'HS12', communityId: 'CM022', district: '市北区', method: 'text', matchedName: '莘县路宿舍',
      });
    });

    it('reads the address as well as the text', () => {
      expect(locator.locate({ text: '楼道内燃气味道很浓', address: '李沧区楼山后社区9号楼1单元' })).toMatchObject({
        hotspotAreaId: null, communityId: 'CM050', district: '李沧区', method: 'text',
      });
    });

    it('matches a name written with digits instead of Chinese numerals', () => {
      expect(locator.locate({ text: '浮山后4小区8号楼楼道保洁很差' })).toMatchObject({
        hotspotAreaId: 'HS14', communityId: 'CM023', matchedName: '浮山后四小区',
      });
      expect(locator.locate({ text: '观象１路小区12号楼院内加盖' })).toMatchObject({ communityId: 'CM011', matchedName: '观象一路小区' });
      expect(locator.locate({ text: '54广场灯光秀散场后满地垃圾' })).toMatchObject({ hotspotAreaId: 'HS06' });
    });

    it('reads a house number written in Chinese numerals or digits alike', () => {
      expect(locator.locate({ text: '海伦路三号门口有人摆摊' })).toMatchObject({ communityId: 'CM029', method: 'text' });
      expect(locator.locate({ text: '海伦路3号门口有人摆摊' })).toMatchObject({ communityId: 'CM029', method: 'text' });
      expect(locator.locate({ text: '五四广场灯光秀散场后满地垃圾' })).toMatchObject({ hotspotAreaId: 'HS06' });
    });

    it('finds a community named without its 花园 suffix', () => {
      expect(locator.locate({ text: '银沙滩门口海边全是垃圾' })).toMatchObject({
        hotspotAreaId: null, communityId: 'CM090', method: 'text', matchedName: '银沙滩花园', matchKind: 'suffix',
      });
    });

    it('finds a community through a one-character typo, and says so', () => {
      expect(locator.locate({ text: '金岭新园2号楼电梯坏了' })).toMatchObject({
        communityId: 'CM058', matchedName: '金岭新苑', matchKind: 'typo', written: '金岭新园',
      });
      expect(locator.locate({ text: '浮山候四小区门口' })).toMatchObject({ hotspotAreaId: 'HS14', communityId: 'CM023', matchKind: 'typo' });
    });

    it('does not guess: a street one character from a known one, or an ambiguous typo, stays unplaced', () => {
      // 郑州东路 is not 兰州东路 (CM099); 黑龙江中路 is not 长江中路 (HS25)
      expect(locator.locate({ text: '胶州市郑州东路一家眼镜店招牌脱开' }).method).toBe('none');
      expect(locator.locate({ text: '李沧区黑龙江中路路口大树刮倒' }).method).toBe('none');
      // 延安二路 is one character from both 延安一路 (CM021) and 延安三路 (CM012)
      expect(locator.locate({ text: '延安二路小区门口' }).method).toBe('none');
    });

    it('prefers an area named exactly over a community found only through a variant that lies elsewhere', () => {
      // 上流家苑 (typo of CM046, in no area) with 台东步行街 (HS10) named exactly
      expect(locator.locate({ text: '台东步行街，上流家苑的人来摆摊' })).toMatchObject({ hotspotAreaId: 'HS10', communityId: null });
    });

    it('stays null when no place is named', () => {
      expect(locator.locate({ text: '楼上住户半夜拖椅子', address: null })).toEqual({
        hotspotAreaId: null, communityId: null, district: null, method: 'none',
      });
    });
  });

  it('works on any reference data, overlapping polygons resolved to the smaller one', () => {
    const square = (x: number, y: number, size: number) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]] as [number, number][]];
    const data: ReferenceData = {
      version: 'test',
      hotspotAreas: [
        { id: 'HS90', name: '大区', aliases: [], district: '甲区', subdistrict: '', center: [0.5, 0.5], polygon: square(0, 0, 1) },
        { id: 'HS91', name: '小区块', aliases: [], district: '乙区', subdistrict: '', center: [0.2, 0.2], polygon: square(0.1, 0.1, 0.2) },
      ],
      communities: [],
      districts: ['甲区', '乙区'],
      propertyCompanies: [],
    };
    const custom = new PlaceLocator(data);
    expect(custom.locate({ text: '', location: { lng: 0.2, lat: 0.2 } })).toMatchObject({ hotspotAreaId: 'HS91', district: '乙区' });
    expect(custom.locate({ text: '', location: { lng: 0.8, lat: 0.8 } })).toMatchObject({ hotspotAreaId: 'HS90', communityId: null });
    expect(custom.locate({ text: '', location: { lng: 2, lat: 2 } }).method).toBe('none');
  });
});
