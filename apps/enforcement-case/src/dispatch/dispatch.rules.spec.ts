import { referenceData } from '@pipeline/reference-data';
import { squadById, suggestSquads, validateReassignment } from './dispatch.rules';
import { SQUADS, SQUADS_VERSION } from './squads.data';

const ids = (list: { squadId: string }[]): string[] => list.map((s) => s.squadId);

describe('squads reference data', () => {
  const { hotspotAreas, communities, districts } = referenceData();
  const subdistrictsOf = (district: string): string[] =>
    [...new Set([...hotspotAreas, ...communities].filter((f) => f.district === district).map((f) => f.subdistrict))];

  it('is versioned', () => {
    expect(SQUADS_VERSION).toMatch(/^\d{4}\.\d+$/);
  });

  it('has 2 to 4 squads for every district of the reference data, and no other district', () => {
    expect([...new Set(SQUADS.map((s) => s.district))].sort()).toEqual([...districts].sort());
    for (const district of districts) {
      const n = SQUADS.filter((s) => s.district === district).length;
      expect([district, n >= 2 && n <= 4]).toEqual([district, true]);
    }
  });

  it('covers every subdistrict of a district with exactly one of its squads', () => {
    for (const district of districts) {
      const covered = SQUADS.filter((s) => s.district === district).flatMap((s) => s.subdistricts);
      expect([district, [...covered].sort()]).toEqual([district, subdistrictsOf(district).sort()]);
    }
  });

  it('has unique, well-formed ids, Chinese names and positive capacities', () => {
    expect(new Set(SQUADS.map((s) => s.id)).size).toBe(SQUADS.length);
    for (const s of SQUADS) {
      expect(s.id).toMatch(/^SQ-[A-Z]{2}-\d{2}$/);
      expect(s.name.startsWith(s.district)).toBe(true);
      expect(s.name.endsWith('中队')).toBe(true);
      expect(Number.isSafeInteger(s.capacity) && s.capacity > 0).toBe(true);
    }
  });
});

describe('suggestSquads', () => {
  it('suggests only the district’s squads, the one covering the subdistrict first', () => {
    const list = suggestSquads({ district: '市南区', subdistrict: '八大关街道' }, new Map());
    expect(ids(list)).toEqual(['SQ-SN-02', 'SQ-SN-01', 'SQ-SN-03', 'SQ-SN-04']);
    expect(list.every((s) => s.district === '市南区')).toBe(true);
    expect(list[0]).toMatchObject({ coversSubdistrict: true, openCases: 0, capacity: 35, loadRatio: 0 });
    expect(list[0]!.reasons).toEqual(['负责八大关街道', '在办案件0件，承载量35件，负荷0%']);
    expect(list[1]!.reasons[0]).toBe('属市南区，不负责八大关街道');
  });

  it('keeps the covering squad first even when it is the most loaded', () => {
    const loads = new Map([['SQ-SN-02', 40], ['SQ-SN-01', 30], ['SQ-SN-03', 4]]);
    const list = suggestSquads({ district: '市南区', subdistrict: '湛山街道' }, loads);
    expect(ids(list)).toEqual(['SQ-SN-02', 'SQ-SN-04', 'SQ-SN-03', 'SQ-SN-01']);
    expect(list[0]!.loadRatio).toBeCloseTo(40 / 35);
    expect(list[0]!.reasons).toContain('已达或超出承载量');
  });

  it('orders the district’s squads by load ratio, not by open count', () => {
    // 台东 has the most open cases (40 of 50, 0.8) but is less loaded than 浮山新区 (34 of 40, 0.85)
    const loads = new Map([['SQ-SB-01', 40], ['SQ-SB-02', 30], ['SQ-SB-03', 34], ['SQ-SB-04', 9]]);
    const list = suggestSquads({ district: '市北区' }, loads);
    expect(ids(list)).toEqual(['SQ-SB-04', 'SQ-SB-02', 'SQ-SB-01', 'SQ-SB-03']);
    expect(list.map((s) => s.loadRatio)).toEqual([9 / 45, 30 / 40, 40 / 50, 34 / 40]);
  });

  it('breaks a tie in load ratio by free places, then by id', () => {
    // all idle: 李村 and 沧口 (45 places each) before 九水 (30), then by id
    expect(ids(suggestSquads({ district: '李沧区' }, new Map()))).toEqual(['SQ-LC-01', 'SQ-LC-02', 'SQ-LC-03']);
  });

  it('takes the subdistrict from the hotspot area', () => {
    const list = suggestSquads({ district: '城阳区', hotspotAreaId: 'HS24' }, new Map([['SQ-CY-02', 30]]));
    expect(list[0]).toMatchObject({ squadId: 'SQ-CY-02', coversSubdistrict: true });
    expect(list[0]!.reasons[0]).toBe('负责流亭街道');
  });

  it('takes a missing district from the hotspot area or an unambiguous subdistrict', () => {
    const byArea = suggestSquads({ hotspotAreaId: 'HS29' }, new Map());
    expect(ids(byArea)).toEqual(['SQ-JM-02', 'SQ-JM-01']);
    expect(byArea[0]!.reasons[0]).toBe('区属依据热点区域即墨服装批发市场确定为即墨区');
    const bySubdistrict = suggestSquads({ district: null, subdistrict: '阜安街道' }, new Map());
    expect(ids(bySubdistrict)).toEqual(['SQ-JZ-02', 'SQ-JZ-01']);
  });

  it('lists every squad by load when the district is unknown, and says so', () => {
    const loads = new Map(SQUADS.map((s, i) => [s.id, (i * 7) % 30]));
    for (const place of [{ district: null }, { district: '' }, { district: '平度市' }]) {
      const list = suggestSquads(place, loads);
      expect(list).toHaveLength(SQUADS.length);
      const ratios = list.map((s) => s.loadRatio);
      expect(ratios).toEqual([...ratios].sort((a, b) => a - b));
      expect(list.every((s) => s.reasons[0]!.includes('按全市各中队负荷排序'))).toBe(true);
    }
    expect(suggestSquads({ district: '平度市' }, loads)[0]!.reasons[0]).toBe('区属“平度市”不在中队名录中，按全市各中队负荷排序');
  });

  it('does not leave a district for an area in another district', () => {
    const list = suggestSquads({ district: '崂山区', hotspotAreaId: 'HS01' }, new Map([['SQ-LS-01', 10]]));
    expect(ids(list)).toEqual(['SQ-LS-02', 'SQ-LS-01']);
    expect(list.every((s) => !s.coversSubdistrict)).toBe(true);
  });

  it('notes a subdistrict no squad of the district covers', () => {
    const list = suggestSquads({ district: '崂山区', subdistrict: '王哥庄街道' }, new Map());
    expect(list[0]!.reasons[0]).toBe('王哥庄街道不在崂山区各中队的辖区名录中');
  });

  it('refuses a negative or fractional load', () => {
    expect(() => suggestSquads({ district: '市南区' }, new Map([['SQ-SN-01', -1]]))).toThrow(RangeError);
    expect(() => suggestSquads({ district: '市南区' }, new Map([['SQ-SN-01', 1.5]]))).toThrow(RangeError);
  });
});

describe('validateReassignment', () => {
  it('accepts a move to another existing squad with a reason', () => {
    expect(validateReassignment('SQ-SN-01', 'SQ-SN-02', '当事人经营地址在八大关街道')).toEqual({ ok: true });
  });

  it('allows moving away from a squad the data no longer lists', () => {
    expect(validateReassignment('SQ-SN-09', 'SQ-SN-02', '中队撤并')).toEqual({ ok: true });
  });

  it.each([
    ['SQ-SN-01', 'SQ-SN-01', '重新指派', 'to', 'is already the current squad'],
    ['SQ-SN-01', 'SQ-XX-01', '重新指派', 'to', 'unknown squad "SQ-XX-01"'],
    ['SQ-SN-01', '', '重新指派', 'to', 'must name the target squad'],
    ['', 'SQ-SN-02', '重新指派', 'from', 'the case has no current squad; assign it instead'],
    ['SQ-SN-01', 'SQ-SN-02', '', 'reason', 'must be 2-200 characters'],
    ['SQ-SN-01', 'SQ-SN-02', ' 调 ', 'reason', 'must be 2-200 characters'],
    ['SQ-SN-01', 'SQ-SN-02', '因'.repeat(201), 'reason', 'must be 2-200 characters'],
  ])('from %j to %j with reason %j → %s: %s', (from, to, reason, field, message) => {
    const r = validateReassignment(from, to, reason);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors).toContainEqual({ field, messages: [message] });
  });

  it('accepts a reason of exactly 2 and 200 characters', () => {
    expect(validateReassignment('SQ-SN-01', 'SQ-SN-02', '辖区').ok).toBe(true);
    expect(validateReassignment('SQ-SN-01', 'SQ-SN-02', '因'.repeat(200)).ok).toBe(true);
  });

  it('reports every problem at once', () => {
    const r = validateReassignment('SQ-SN-01', 'SQ-SN-01', '');
    expect(r).toEqual({ ok: false, errors: [{ field: 'to', messages: ['is already the current squad'] }, { field: 'reason', messages: ['must be 2-200 characters'] }] });
  });

  it('finds squads by id', () => {
    expect(squadById('SQ-HD-02')?.name).toBe('黄岛区综合行政执法大队薛家岛中队');
    expect(squadById('SQ-HD-09')).toBeUndefined();
  });
});
