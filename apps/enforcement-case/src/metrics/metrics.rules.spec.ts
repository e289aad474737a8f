import { buildHotspotRows } from './metrics.rules';

describe('buildHotspotRows', () => {
  const areas = [
    { id: 'HS01', name: '中山路-劈柴院商圈' },
    { id: 'HS02', name: '栈桥景区' },
    { id: 'HS03', name: '台东步行街' },
  ];

  it('lists every area, computes the rate and compares it with the target', () => {
    const rows = buildHotspotRows(
      areas,
      [
        { hotspotAreaId: 'HS01', converted: true, complaints: 1 },
        { hotspotAreaId: 'HS01', converted: false, complaints: 9 },
        { hotspotAreaId: 'HS02', converted: false, complaints: 4 },
      ],
      0.1,
    );
    expect(rows).toEqual([
      { hotspotAreaId: 'HS01', name: '中山路-劈柴院商圈', complaints: 10, converted: 1, rate: 0.1, met: true },
      { hotspotAreaId: 'HS02', name: '栈桥景区', complaints: 4, converted: 0, rate: 0, met: false },
      { hotspotAreaId: 'HS03', name: '台东步行街', complaints: 0, converted: 0, rate: null, met: false },
    ]);
  });

  it('ignores counts for areas outside the list', () => {
    const rows = buildHotspotRows(areas.slice(0, 1), [{ hotspotAreaId: 'HS09', converted: true, complaints: 3 }], 0.1);
    expect(rows[0]).toMatchObject({ complaints: 0, converted: 0 });
  });
});
