import { CATEGORY_CODES, type CategoryCode } from '@pipeline/contracts';
import { DEFAULT_RULE_SET } from './default-rule-set';
import {
  DEFAULT_RULE_ID, MIN_AUTO_CASE_CONFIDENCE, RuleSetInputError, deriveIdentifiable, evaluateRuleSet, repeatWindowsOf,
  type Rule, type RuleInput, type RuleSet,
} from './rule-set.rules';

/** A complaint as the service hands it to the rules; defaults: an enforceable street-order complaint nobody can locate. */
function complaint(overrides: Partial<Omit<RuleInput, 'confidence'>> & { enf?: number; cat?: number } = {}): RuleInput {
  const { enf = 0.9, cat = 0.9, ...rest } = overrides;
  return {
    category: 'street_order',
    enforceable: true,
    urgent: false,
    confidence: { category: cat, enforceable: enf },
    hotspotAreaId: null,
    identifiable: false,
    repeatOf: null,
    repeatCounts: { 30: 1 },
    needsReview: false,
    ...rest,
  };
}

function ruleSet(rules: Rule[], dflt: RuleSet['default'] = { outcome: 'candidate', reason: '默认' }): RuleSet {
  return { version: 7, description: 'test', rules, default: dflt };
}

describe('DEFAULT_RULE_SET on a table of complaints', () => {
  type Row = [label: string, input: RuleInput, outcome: string, ruleId: string, confidentAuto: boolean, urgent: boolean];
  const rows: Row[] = [
    ['非城管职责（邻里噪音）', complaint({ category: 'other', enforceable: false, enf: 0.95 }), 'forwarded', 'not-bureau-duty', true, false],
    ['other wins over enforceable (first match)', complaint({ category: 'other', enforceable: true, enf: 0.99, identifiable: true }), 'forwarded', 'not-bureau-duty', true, false],
    ['垃圾桶满溢', complaint({ category: 'household_waste', enforceable: false, enf: 0.95 }), 'service_request', 'service-request', true, false],
    ['暖气不热，紧急', complaint({ category: 'heating', enforceable: false, urgent: true }), 'service_request', 'service-request', true, false],
    ['燃气异味，紧急，不可执法', complaint({ category: 'gas', enforceable: false, urgent: true, identifiable: true }), 'service_request', 'service-request', true, false],
    ['楼顶加盖，有门牌，0.92', complaint({ category: 'illegal_construction', enf: 0.92, identifiable: true }), 'case', 'confident-identifiable', true, false],
    ['占道经营，可定位，恰好0.85', complaint({ enf: 0.85, identifiable: true }), 'case', 'confident-identifiable', true, false],
    ['占道经营，可定位，0.84，非热点', complaint({ enf: 0.84, identifiable: true }), 'candidate', 'enforceable-candidate', false, false],
    ['占道经营，0.92，无法定位，非热点', complaint({ enf: 0.92 }), 'candidate', 'enforceable-candidate', false, false],
    ['台东步行街占道，0.92，无法定位', complaint({ enf: 0.92, hotspotAreaId: 'HS10' }), 'case', 'hotspot-area', true, false],
    ['中山路流动摊贩，恰好0.7', complaint({ enf: 0.7, hotspotAreaId: 'HS01' }), 'case', 'hotspot-area', true, false],
    ['中山路流动摊贩，0.69', complaint({ enf: 0.69, hotspotAreaId: 'HS01' }), 'candidate', 'enforceable-candidate', false, false],
    ['夜间施工噪音，紧急，0.6', complaint({ category: 'construction_site', urgent: true, enf: 0.6 }), 'candidate', 'urgent-candidate', false, true],
    ['夜间施工噪音，紧急，0.9可定位：自动规则优先', complaint({ category: 'construction_site', urgent: true, enf: 0.9, identifiable: true }), 'case', 'confident-identifiable', true, false],
    ['招牌将坠落，紧急，热点0.75', complaint({ category: 'advertising', urgent: true, enf: 0.75, hotspotAreaId: 'HS07' }), 'case', 'hotspot-area', true, false],
    ['违建0.9可定位，但分类需复核', complaint({ category: 'illegal_construction', enf: 0.9, identifiable: true, needsReview: true }), 'candidate', 'confident-identifiable', false, false],
    ['违建0.9可定位，需复核且紧急', complaint({ category: 'illegal_construction', enf: 0.9, identifiable: true, needsReview: true, urgent: true }), 'candidate', 'confident-identifiable', false, true],
    ['小广告，30日内第3次反映，0.75', complaint({ category: 'flyposting', enf: 0.75, repeatOf: 'C-1', repeatCounts: { 30: 3 } }), 'case', 'repeated-30d', true, false],
    ['小广告，30日内第2次反映，0.75', complaint({ category: 'flyposting', enf: 0.75, repeatOf: 'C-1', repeatCounts: { 30: 2 } }), 'candidate', 'enforceable-candidate', false, false],
    ['小广告，反映5次，但仅0.65', complaint({ category: 'flyposting', enf: 0.65, repeatOf: 'C-1', repeatCounts: { 30: 5 } }), 'candidate', 'enforceable-candidate', false, false],
    ['道路不洁但判为可执法，0.88可定位', complaint({ category: 'sanitation', enf: 0.88, identifiable: true }), 'case', 'confident-identifiable', true, false],
    ['渣土乱倒，0.5，无法定位', complaint({ category: 'construction_waste', enf: 0.5 }), 'candidate', 'enforceable-candidate', false, false],
  ];

  it.each(rows)('%s', (_label, input, outcome, ruleId, confidentAuto, urgent) => {
    const d = evaluateRuleSet(DEFAULT_RULE_SET, input);
    expect({ outcome: d.outcome, ruleId: d.ruleId, confidentAuto: d.confidentAuto, urgent: d.urgent }).toEqual({ outcome, ruleId, confidentAuto, urgent });
    expect(d.ruleSetVersion).toBe(DEFAULT_RULE_SET.version);
    expect(d.reason).toMatch(/[\u4e00-\u9fa5]/);
    expect(d.explanation).toContain(`命中规则 ${ruleId}`);
    expect(d.inScope).toBe(outcome !== 'forwarded');
  });

  it('explains the facts that made the rule match', () => {
    const d = evaluateRuleSet(DEFAULT_RULE_SET, complaint({ enf: 0.92, hotspotAreaId: 'HS10' }));
    expect(d.explanation).toBe('规则集第1版，命中规则 hotspot-area（热点区域内可执法置信度不低于0.7的，自动生成案件线索（热点区域诉转案率目标10%））：可执法；可执法置信度0.92≥0.7；位于热点区域HS10');
  });

  it('says why a case rule that matched became a candidate', () => {
    const d = evaluateRuleSet(DEFAULT_RULE_SET, complaint({ enf: 0.9, identifiable: true, needsReview: true }));
    expect(d.reason).toContain('分类结果需人工复核');
    expect(d.reason).toContain('转调度员确认');
    expect(d.explanation).toContain('未自动生成线索');
  });

  it('keeps the skeleton rules where it does not deliberately tighten them', () => {
    for (const category of CATEGORY_CODES) {
      for (const enforceable of [true, false]) {
        for (const enf of [0, 0.5, 0.7, 0.85, 1]) {
          const d = evaluateRuleSet(DEFAULT_RULE_SET, complaint({ category, enforceable, enf, identifiable: true, hotspotAreaId: 'HS05' }));
          const skeleton = category === 'other' ? 'forwarded' : !enforceable ? 'service_request' : enf >= 0.7 ? 'case' : 'candidate';
          expect([category, enforceable, enf, d.outcome]).toEqual([category, enforceable, enf, skeleton]);
        }
      }
    }
  });

  it('asks the service for the 30-day repeat count only', () => {
    expect(repeatWindowsOf(DEFAULT_RULE_SET)).toEqual([30]);
  });

  it('is frozen, so a service cannot change the default in place', () => {
    expect(Object.isFrozen(DEFAULT_RULE_SET.rules[0]!.when)).toBe(true);
  });
});

describe('domain.md §7: a case only when the rules are confident', () => {
  const unvalidated: Array<[string, RuleSet]> = [
    ['the default rule set', DEFAULT_RULE_SET],
    ['a case rule without autoFile', ruleSet([{ id: 'a', description: 'x', when: { enforceable: true, minEnforceableConfidence: 0.9 }, then: { outcome: 'case', reason: '线索' } }])],
    ['an autoFile case rule with no threshold', ruleSet([{ id: 'a', description: 'x', when: { categoryIn: ['street_order'] }, then: { outcome: 'case', reason: '线索', autoFile: true } }])],
    ['an autoFile case rule below the floor', ruleSet([{ id: 'a', description: 'x', when: { enforceable: true, minEnforceableConfidence: 0.3 }, then: { outcome: 'case', reason: '线索', autoFile: true } }])],
    ['an autoFile case rule for non-enforceable complaints', ruleSet([{ id: 'a', description: 'x', when: { enforceable: false, minEnforceableConfidence: 0.9 }, then: { outcome: 'case', reason: '线索', autoFile: true } }])],
    ['a case rule with a category threshold', ruleSet([{ id: 'a', description: 'x', when: { enforceable: true, minEnforceableConfidence: 0.8, minCategoryConfidence: 0.6 }, then: { outcome: 'case', reason: '线索', autoFile: true } }])],
  ];
  const categories: CategoryCode[] = ['street_order', 'illegal_construction', 'household_waste', 'other'];
  const levels = [0, 0.3, 0.5, 0.69, 0.7, 0.8, 0.85, 0.9, 1];

  function* grid(): Generator<RuleInput> {
    for (const category of categories)
      for (const enforceable of [true, false])
        for (const enf of levels)
          for (const cat of [0.2, 0.9])
            for (const urgent of [true, false])
              for (const identifiable of [true, false])
                for (const hotspotAreaId of [null, 'HS03'])
                  for (const needsReview of [true, false])
                    for (const count of [1, 4]) {
                      yield complaint({ category, enforceable, enf, cat, urgent, identifiable, hotspotAreaId, needsReview, repeatCounts: { 30: count }, repeatOf: count > 1 ? 'C-0' : null });
                    }
  }

  it.each(unvalidated)('holds for %s', (_label, set) => {
    let cases = 0;
    for (const input of grid()) {
      const d = evaluateRuleSet(set, input);
      if (d.outcome !== 'case') continue;
      cases++;
      const rule = set.rules.find((r) => r.id === d.ruleId)!;
      expect(d.confidentAuto).toBe(true);
      expect(rule.then.autoFile).toBe(true);
      expect(input.enforceable).toBe(true);
      expect(input.needsReview).toBe(false);
      expect(input.confidence.enforceable).toBeGreaterThanOrEqual(Math.max(MIN_AUTO_CASE_CONFIDENCE, rule.when.minEnforceableConfidence!));
      expect(input.confidence.category).toBeGreaterThanOrEqual(rule.when.minCategoryConfidence ?? 0);
    }
    // the rule sets that cannot file automatically must not file at all; the others must file sometimes
    expect(cases > 0).toBe(['the default rule set', 'a case rule with a category threshold'].includes(_label));
  });

  it('turns an unconfident case rule into a candidate that names the missing threshold', () => {
    const [, set] = unvalidated[2]!;
    const d = evaluateRuleSet(set, complaint({ enf: 1 }));
    expect(d).toMatchObject({ outcome: 'candidate', ruleId: 'a', confidentAuto: false, ruleSetVersion: 7 });
    expect(d.reason).toContain(`不低于${MIN_AUTO_CASE_CONFIDENCE}的可执法置信度门槛`);
  });

  it('never calls a candidate confident, whatever the rule says', () => {
    const set = ruleSet([{ id: 'a', description: 'x', when: { enforceable: true }, then: { outcome: 'candidate', reason: '待确认', autoFile: true } }]);
    expect(evaluateRuleSet(set, complaint()).confidentAuto).toBe(false);
  });

  it('applies a forwarded or service outcome without autoFile but does not call it confident', () => {
    const set = ruleSet([{ id: 'a', description: 'x', when: { categoryIn: ['other'] }, then: { outcome: 'forwarded', reason: '转办' } }]);
    expect(evaluateRuleSet(set, complaint({ category: 'other' }))).toMatchObject({ outcome: 'forwarded', confidentAuto: false, inScope: false });
  });
});

describe('evaluateRuleSet semantics', () => {
  const candidate = (id: string, when: Rule['when']): Rule => ({ id, description: id, when, then: { outcome: 'candidate', reason: id } });

  it('takes the first rule that matches, in order', () => {
    const first = candidate('first', { enforceable: true });
    const second = candidate('second', { categoryIn: ['street_order'] });
    expect(evaluateRuleSet(ruleSet([first, second]), complaint()).ruleId).toBe('first');
    expect(evaluateRuleSet(ruleSet([second, first]), complaint()).ruleId).toBe('second');
  });

  it('skips a rule when any one of its conditions fails', () => {
    const set = ruleSet([candidate('both', { enforceable: true, urgent: true }), candidate('either', { enforceable: true })]);
    expect(evaluateRuleSet(set, complaint({ urgent: false })).ruleId).toBe('either');
    expect(evaluateRuleSet(set, complaint({ urgent: true })).ruleId).toBe('both');
  });

  it('falls back to the default, with its own rule id and no confidence', () => {
    const set = ruleSet([candidate('urgent', { urgent: true })], { outcome: 'service_request', reason: '默认转办' });
    expect(evaluateRuleSet(set, complaint())).toEqual({
      outcome: 'service_request', reason: '默认转办', ruleId: DEFAULT_RULE_ID, ruleSetVersion: 7, confidentAuto: false, urgent: false, inScope: true,
      explanation: '规则集第7版：未命中任何规则，适用默认结果',
    });
  });

  it.each([
    [{ minEnforceableConfidence: 0.8 }, 0.8, true],
    [{ minEnforceableConfidence: 0.8 }, 0.79, false],
    [{ maxEnforceableConfidence: 0.8 }, 0.79, true],
    [{ maxEnforceableConfidence: 0.8 }, 0.8, false],
  ])('thresholds: min inclusive, max exclusive (%j at %s → %s)', (when, enf, matches) => {
    expect(evaluateRuleSet(ruleSet([candidate('r', when)]), complaint({ enf })).ruleId === 'r').toBe(matches);
  });

  it.each([
    [{ minCategoryConfidence: 0.6 }, complaint({ cat: 0.6 }), true],
    [{ maxCategoryConfidence: 0.6 }, complaint({ cat: 0.6 }), false],
    [{ categoryNotIn: ['street_order'] }, complaint(), false],
    [{ categoryNotIn: ['gas'] }, complaint(), true],
    [{ inHotspotArea: false }, complaint({ hotspotAreaId: null }), true],
    [{ inHotspotArea: true }, complaint({ hotspotAreaId: undefined }), false],
    [{ hotspotAreaIn: ['HS01', 'HS02'] }, complaint({ hotspotAreaId: 'HS02' }), true],
    [{ hotspotAreaIn: ['HS01', 'HS02'] }, complaint({ hotspotAreaId: 'HS03' }), false],
    [{ identifiable: false }, complaint({ identifiable: false }), true],
    [{ isRepeat: true }, complaint({ repeatOf: 'C-9' }), true],
    [{ isRepeat: true }, complaint({ repeatOf: null }), false],
    [{ needsReview: true }, complaint({ needsReview: true }), true],
    [{ repeatCountAtLeast: 2, repeatWindowDays: 7 }, complaint({ repeatCounts: { 7: 2, 30: 5 } }), true],
    [{ repeatCountAtLeast: 3, repeatWindowDays: 7 }, complaint({ repeatCounts: { 7: 2, 30: 5 } }), false],
  ] as Array<[Rule['when'], RuleInput, boolean]>)('condition %j', (when, input, matches) => {
    expect(evaluateRuleSet(ruleSet([candidate('r', when)]), input).ruleId === 'r').toBe(matches);
  });

  it('refuses to guess a repeat count the service did not supply', () => {
    const set = ruleSet([candidate('r', { repeatCountAtLeast: 2, repeatWindowDays: 7 })]);
    expect(repeatWindowsOf(set)).toEqual([7]);
    expect(() => evaluateRuleSet(set, complaint({ repeatCounts: { 30: 3 } }))).toThrow(RuleSetInputError);
  });

  it('flags only candidates urgent', () => {
    const set = ruleSet([{ id: 'u', description: 'u', when: { urgent: true }, then: { outcome: 'service_request', reason: '转办', flagUrgent: true } }]);
    expect(evaluateRuleSet(set, complaint({ urgent: true })).urgent).toBe(false);
  });
});

describe('deriveIdentifiable', () => {
  it.each([
    [{ location: { lng: 120.32, lat: 36.07 } }, true],
    [{ communityId: 'CM001' }, true],
    [{ address: '市南区中山路88号' }, true],
    [{ address: '李沧区书院路3号楼2单元' }, true],
    [{ address: '台东三路一家烧烤店' }, true],
    [{ address: '台东步行街附近' }, false],
    [{ address: '' }, false],
    [{ address: null, location: null, communityId: null }, false],
  ])('%j → %s', (c, expected) => {
    expect(deriveIdentifiable(c)).toBe(expected);
  });
});
