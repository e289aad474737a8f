import { DEFAULT_RULE_SET } from './default-rule-set';
import { validateRuleSet, type FieldError } from './rule-set-validation.rules';
import type { Rule, RuleSet } from './rule-set.rules';

/** A mutable copy of the default rule set, as an administrator would submit it. */
function submitted(): RuleSet {
  return JSON.parse(JSON.stringify(DEFAULT_RULE_SET)) as RuleSet;
}

/** Writes what the types forbid: the point is to submit wrong JSON. */
function set(o: object, key: string, value: unknown): void {
  (o as Record<string, unknown>)[key] = value;
}

function unset(o: object, key: string): void {
  delete (o as Record<string, unknown>)[key];
}

const when = (j: RuleSet, i: number): Rule['when'] => j.rules[i]!.when;
const then = (j: RuleSet, i: number): Rule['then'] => j.rules[i]!.then;

function errorsOf(json: unknown): FieldError[] {
  const r = validateRuleSet(json);
  if (r.ok) throw new Error('expected validation errors');
  return r.errors;
}

describe('validateRuleSet', () => {
  it('accepts the default rule set as JSON and returns it typed', () => {
    const json = submitted();
    const r = validateRuleSet(json);
    expect(r).toEqual({ ok: true, ruleSet: DEFAULT_RULE_SET });
  });

  it('accepts a specific-area rule with known ids', () => {
    const json = submitted();
    json.rules.unshift({ id: 'zhongshan', description: '中山路商圈', when: { enforceable: true, hotspotAreaIn: ['HS01', 'HS30'], minEnforceableConfidence: 0.75 }, then: { outcome: 'case', reason: '线索', autoFile: true } });
    expect(validateRuleSet(json).ok).toBe(true);
  });

  type Row = [label: string, mutate: (j: RuleSet) => unknown, field: string, message: RegExp];
  const rows: Row[] = [
    ['not an object', () => [], '$', /must be an object/],
    ['unknown top-level key', (j) => { set(j, 'owner', 'x'); }, 'owner', /unknown field/],
    ['version not an integer', (j) => { set(j, 'version', '2024.1'); }, 'version', /positive integer/],
    ['version zero', (j) => { set(j, 'version', 0); }, 'version', /positive integer/],
    ['blank description', (j) => { set(j, 'description', '  '); }, 'description', /non-empty string/],
    ['rules missing', (j) => { unset(j, 'rules'); }, 'rules', /must be an array/],
    ['empty rules', (j) => { set(j, 'rules', []); }, 'rules', /at least one rule/],
    ['unknown rule key', (j) => { set(j.rules[0]!, 'priority', 1); }, 'rules[0].priority', /unknown field/],
    ['unknown condition', (j) => { set(when(j, 2), 'minConfidence', 0.9); }, 'rules[2].when.minConfidence', /unknown field/],
    ['unknown action key', (j) => { set(then(j, 0), 'notify', true); }, 'rules[0].then.notify', /unknown field/],
    ['unknown category', (j) => { set(when(j, 0), 'categoryIn', ['other', 'parking']); }, 'rules[0].when.categoryIn[1]', /unknown category "parking"/],
    ['duplicate category', (j) => { set(when(j, 0), 'categoryIn', ['other', 'other']); }, 'rules[0].when.categoryIn[1]', /duplicate/],
    ['empty category list', (j) => { set(when(j, 0), 'categoryIn', []); }, 'rules[0].when.categoryIn', /non-empty array/],
    ['categoryIn with categoryNotIn', (j) => { set(when(j, 0), 'categoryNotIn', ['gas']); }, 'rules[0].when.categoryNotIn', /not both/],
    ['unknown hotspot area', (j) => { set(when(j, 3), 'hotspotAreaIn', ['HS99']); }, 'rules[3].when.hotspotAreaIn[0]', /unknown hotspot area "HS99"/],
    ['area list contradicting inHotspotArea: false', (j) => { set(when(j, 3), 'inHotspotArea', false); set(when(j, 3), 'hotspotAreaIn', ['HS01']); }, 'rules[3].when.hotspotAreaIn', /contradicts/],
    ['bad outcome', (j) => { set(then(j, 1), 'outcome', 'penalty'); }, 'rules[1].then.outcome', /must be one of case, candidate, service_request, forwarded/],
    ['missing reason', (j) => { unset(then(j, 1), 'reason'); }, 'rules[1].then.reason', /non-empty string/],
    ['reason too long', (j) => { set(then(j, 1), 'reason', '长'.repeat(201)); }, 'rules[1].then.reason', /at most 200/],
    ['duplicate rule id', (j) => { set(j.rules[4]!, 'id', 'hotspot-area'); }, 'rules[4].id', /duplicate rule id "hotspot-area" \(also rules\[3\]\)/],
    ['reserved rule id', (j) => { set(j.rules[0]!, 'id', 'default'); }, 'rules[0].id', /reserved/],
    ['bad rule id', (j) => { set(j.rules[0]!, 'id', '非职责'); }, 'rules[0].id', /letters, digits/],
    ['threshold above 1', (j) => { set(when(j, 2), 'minEnforceableConfidence', 1.2); }, 'rules[2].when.minEnforceableConfidence', /between 0 and 1/],
    ['threshold below 0', (j) => { set(when(j, 6), 'maxCategoryConfidence', -0.1); }, 'rules[6].when.maxCategoryConfidence', /between 0 and 1/],
    ['threshold as a string', (j) => { set(when(j, 6), 'minCategoryConfidence', '0.5'); }, 'rules[6].when.minCategoryConfidence', /between 0 and 1/],
    ['min not below max', (j) => { set(when(j, 6), 'minEnforceableConfidence', 0.8); set(when(j, 6), 'maxEnforceableConfidence', 0.8); }, 'rules[6].when.maxEnforceableConfidence', /greater than minEnforceableConfidence/],
    ['condition of the wrong type', (j) => { set(when(j, 1), 'enforceable', 'no'); }, 'rules[1].when.enforceable', /boolean/],
    ['no conditions', (j) => { set(j.rules[6]!, 'when', {}); }, 'rules[6].when', /at least one condition/],
    ['same conditions as an earlier rule', (j) => { set(j.rules[6]!, 'when', { urgent: true, enforceable: true }); }, 'rules[6].when', /same conditions as rules\[5\]/],
    ['autoFile case without a threshold', (j) => { unset(when(j, 3), 'minEnforceableConfidence'); }, 'rules[3].when.minEnforceableConfidence', /at least 0.7/],
    ['autoFile case below the floor', (j) => { set(when(j, 3), 'minEnforceableConfidence', 0.5); }, 'rules[3].when.minEnforceableConfidence', /at least 0.7/],
    ['autoFile case not requiring enforceable', (j) => { unset(when(j, 2), 'enforceable'); }, 'rules[2].when.enforceable', /enforceable: true/],
    ['autoFile on a candidate', (j) => { set(then(j, 6), 'autoFile', true); }, 'rules[6].then.autoFile', /always goes to a dispatcher/],
    ['urgent flag on a case', (j) => { set(then(j, 2), 'flagUrgent', true); }, 'rules[2].then.flagUrgent', /only a candidate/],
    ['repeat count without window', (j) => { unset(when(j, 4), 'repeatWindowDays'); }, 'rules[4].when.repeatWindowDays', /go together/],
    ['repeat window too long', (j) => { set(when(j, 4), 'repeatWindowDays', 400); }, 'rules[4].when.repeatWindowDays', /between 1 and 365/],
    ['repeat count not an integer', (j) => { set(when(j, 4), 'repeatCountAtLeast', 2.5); }, 'rules[4].when.repeatCountAtLeast', /integer/],
    ['rule not an object', (j) => { set(j.rules, '0', 'other → forwarded'); }, 'rules[0]', /must be an object/],
    ['default missing', (j) => { unset(j, 'default'); }, 'default', /must be an object/],
    ['default case', (j) => { set(j.default, 'outcome', 'case'); }, 'default.outcome', /must not be case/],
    ['unknown default key', (j) => { set(j.default, 'autoFile', true); }, 'default.autoFile', /unknown field/],
  ];

  it.each(rows)('%s', (_label, mutate, field, message) => {
    const json = submitted();
    const replaced = mutate(json);
    const errors = errorsOf(replaced ?? json);
    const hit = errors.find((e) => e.field === field);
    expect(hit).toBeDefined();
    expect(hit!.messages.join(' | ')).toMatch(message);
  });

  it('reports every problem at once, one entry per field', () => {
    const json = submitted();
    set(json, 'version', -1);
    set(when(json, 0), 'categoryIn', ['parking']);
    set(then(json, 1), 'outcome', 'fine');
    set(when(json, 2), 'minEnforceableConfidence', 2);
    const errors = errorsOf(json);
    expect(errors.map((e) => e.field)).toEqual(['version', 'rules[0].when.categoryIn[0]', 'rules[1].then.outcome', 'rules[2].when.minEnforceableConfidence']);
    expect(errors[3]!.messages).toEqual(['must be a number between 0 and 1']);
  });

  it('checks area ids against the list it is given', () => {
    const json = submitted();
    set(when(json, 3), 'hotspotAreaIn', ['HS01']);
    expect(validateRuleSet(json, { hotspotAreaIds: new Set(['HS02']) }).ok).toBe(false);
    expect(validateRuleSet(json, { hotspotAreaIds: new Set(['HS01']) }).ok).toBe(true);
  });
});
