import { existsSync } from 'node:fs';
import { community, hotspotArea, publicComplaintsPath, readPublicComplaints, referenceData } from './index';

describe('referenceData', () => {
  const data = referenceData();

  it('has version 2024.1 with 30 hotspot areas and 100 communities', () => {
    expect(data.version).toBe('2024.1');
    expect(data.hotspotAreas).toHaveLength(30);
    expect(data.communities).toHaveLength(100);
  });

  it('is memoised', () => {
    expect(referenceData()).toBe(data);
  });

  it('has unique ids across both kinds', () => {
    const ids = [...data.hotspotAreas, ...data.communities].map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(data.hotspotAreas.every((h) => /^HS\d{2}$/.test(h.id))).toBe(true);
    expect(data.communities.every((c) => /^CM\d{3}$/.test(c.id))).toBe(true);
  });

  it('links every community to an existing hotspot area or to none', () => {
    const linked = data.communities.filter((c) => c.hotspotAreaId !== null);
    expect(linked.length).toBeGreaterThan(0);
    for (const c of linked) expect(hotspotArea(c.hotspotAreaId as string)).toBeDefined();
  });

  it('gives no name or alias to two features', () => {
    const names = [...data.hotspotAreas, ...data.communities].flatMap((f) => [f.name, ...f.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has closed [lng, lat] rings around each centre in the Qingdao area', () => {
    for (const f of [...data.hotspotAreas, ...data.communities]) {
      const ring = f.polygon[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      const [lng, lat] = f.center;
      expect(lng).toBeGreaterThan(119);
      expect(lng).toBeLessThan(121.5);
      expect(lat).toBeGreaterThan(35);
      expect(lat).toBeLessThan(37.5);
    }
  });

  it('lists districts and property companies', () => {
    expect(data.districts).toEqual(expect.arrayContaining(['市南区', '市北区', '李沧区', '崂山区', '城阳区', '黄岛区', '即墨区', '胶州市']));
    expect(new Set(data.districts).size).toBe(data.districts.length);
    expect(data.propertyCompanies.length).toBeGreaterThan(0);
    expect(new Set(data.propertyCompanies.map((p) => p.id)).size).toBe(data.propertyCompanies.length);
  });

  it('looks features up by id', () => {
    expect(hotspotArea('HS01')?.name).toBe('中山路-劈柴院商圈');
    expect(community('CM023')).toMatchObject({ name: '浮山后四小区', hotspotAreaId: 'HS14', district: '市北区' });
    expect(hotspotArea('HS99')).toBeUndefined();
    expect(community('HS01')).toBeUndefined();
  });

  it('cannot be mutated by a caller', () => {
    expect(() => (data.hotspotAreas as unknown as unknown[]).push({})).toThrow();
    expect(Object.isFrozen(data.communities[0])).toBe(true);
  });
});

describe('public complaints fixture', () => {
  it('is found next to the sources and parses as 600 labeled tickets', () => {
    expect(existsSync(publicComplaintsPath())).toBe(true);
    const tickets = readPublicComplaints();
    expect(tickets).toHaveLength(600);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(600);
  });
});
