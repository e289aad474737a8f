import { COMPLAINT_OUTCOMES, isCategoryCode } from '@pipeline/contracts';
import { referenceData } from '@pipeline/reference-data';
import { DEFAULT_RULE_ID, MIN_AUTO_CASE_CONFIDENCE, type RuleSet } from './rule-set.rules';

/** One field's problems, in the shape of the API's error body (`errors: [{ field, messages }]`). */
export interface FieldError {
  /** Path into the submitted JSON, e.g. `rules[2].when.categoryIn[0]`; `$` is the whole body. */
  field: string;
  messages: string[];
}

export type RuleSetValidation = { ok: true; ruleSet: RuleSet } | { ok: false; errors: FieldError[] };

export interface RuleSetValidationOptions {
  /** Known hotspot area ids; the reference data's by default. */
  hotspotAreaIds?: ReadonlySet<string>;
}

export const MAX_RULES = 100;
export const MAX_REASON_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 500;
/** A repeat window longer than a year says nothing about one incident. */
export const MAX_REPEAT_WINDOW_DAYS = 365;

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const TOP_KEYS = ['version', 'description', 'rules', 'default'];
const RULE_KEYS = ['id', 'description', 'when', 'then'];
const THEN_KEYS = ['outcome', 'reason', 'autoFile', 'flagUrgent'];
const DEFAULT_KEYS = ['outcome', 'reason'];
const BOOLEAN_CONDITIONS = ['enforceable', 'urgent', 'inHotspotArea', 'identifiable', 'isRepeat', 'needsReview'];
const THRESHOLD_CONDITIONS = ['minEnforceableConfidence', 'maxEnforceableConfidence', 'minCategoryConfidence', 'maxCategoryConfidence'];
const WHEN_KEYS = [...BOOLEAN_CONDITIONS, ...THRESHOLD_CONDITIONS, 'categoryIn', 'categoryNotIn', 'hotspotAreaIn', 'repeatCountAtLeast', 'repeatWindowDays'];

/**
 * Checks a submitted rule set field by field, for the API's 400/422: every
 * problem is reported at once, each under the path of the offending field.
 * On success the value is returned typed (it is the same object).
 */
export function validateRuleSet(json: unknown, options: RuleSetValidationOptions = {}): RuleSetValidation {
  const errors = new Errors();
  const areaIds = options.hotspotAreaIds ?? new Set(referenceData().hotspotAreas.map((a) => a.id));

  if (!isObject(json)) {
    errors.add('$', 'must be an object');
    return errors.result(json);
  }
  unknownKeys(json, TOP_KEYS, '', errors);

  if (!Number.isSafeInteger(json['version']) || (json['version'] as number) < 1) errors.add('version', 'must be a positive integer');
  text(json['description'], 'description', MAX_DESCRIPTION_LENGTH, errors);

  const rules = json['rules'];
  if (!Array.isArray(rules)) {
    errors.add('rules', 'must be an array');
  } else if (rules.length === 0) {
    errors.add('rules', 'must contain at least one rule');
  } else if (rules.length > MAX_RULES) {
    errors.add('rules', `must contain at most ${MAX_RULES} rules`);
  } else {
    const seenIds = new Map<string, number>();
    const seenWhen = new Map<string, number>();
    rules.forEach((rule, i) => validateRule(rule, `rules[${i}]`, i, { areaIds, seenIds, seenWhen }, errors));
  }

  const dflt = json['default'];
  if (!isObject(dflt)) {
    errors.add('default', 'must be an object');
  } else {
    unknownKeys(dflt, DEFAULT_KEYS, 'default', errors);
    if (!(COMPLAINT_OUTCOMES as readonly unknown[]).includes(dflt['outcome'])) {
      errors.add('default.outcome', `must be one of ${COMPLAINT_OUTCOMES.join(', ')}`);
    } else if (dflt['outcome'] === 'case') {
      errors.add('default.outcome', 'must not be case: the default is no confident decision, use candidate');
    }
    text(dflt['reason'], 'default.reason', MAX_REASON_LENGTH, errors);
  }
  return errors.result(json);
}

interface RuleContext {
  areaIds: ReadonlySet<string>;
  seenIds: Map<string, number>;
  seenWhen: Map<string, number>;
}

function validateRule(rule: unknown, at: string, index: number, ctx: RuleContext, errors: Errors): void {
  if (!isObject(rule)) {
    errors.add(at, 'must be an object');
    return;
  }
  unknownKeys(rule, RULE_KEYS, at, errors);

  const id = rule['id'];
  if (typeof id !== 'string' || !RULE_ID.test(id)) {
    errors.add(`${at}.id`, 'must be 1-64 letters, digits, "-" or "_", starting with a letter or digit');
  } else if (id === DEFAULT_RULE_ID) {
    errors.add(`${at}.id`, `"${DEFAULT_RULE_ID}" is reserved for the rule set's default`);
  } else if (ctx.seenIds.has(id)) {
    errors.add(`${at}.id`, `duplicate rule id "${id}" (also rules[${ctx.seenIds.get(id)}])`);
  } else {
    ctx.seenIds.set(id, index);
  }
  text(rule['description'], `${at}.description`, MAX_DESCRIPTION_LENGTH, errors);

  const when = rule['when'];
  if (!isObject(when)) {
    errors.add(`${at}.when`, 'must be an object');
  } else {
    validateWhen(when, `${at}.when`, ctx.areaIds, errors);
    const key = canonical(when);
    const earlier = ctx.seenWhen.get(key);
    if (earlier !== undefined) errors.add(`${at}.when`, `same conditions as rules[${earlier}], which always matches first`);
    else ctx.seenWhen.set(key, index);
  }

  const then = rule['then'];
  if (!isObject(then)) {
    errors.add(`${at}.then`, 'must be an object');
    return;
  }
  unknownKeys(then, THEN_KEYS, `${at}.then`, errors);
  const outcome = then['outcome'];
  if (!(COMPLAINT_OUTCOMES as readonly unknown[]).includes(outcome)) {
    errors.add(`${at}.then.outcome`, `must be one of ${COMPLAINT_OUTCOMES.join(', ')}`);
  }
  text(then['reason'], `${at}.then.reason`, MAX_REASON_LENGTH, errors);
  for (const flag of ['autoFile', 'flagUrgent']) {
    if (then[flag] !== undefined && typeof then[flag] !== 'boolean') errors.add(`${at}.then.${flag}`, 'must be a boolean');
  }
  if (outcome === 'candidate' && then['autoFile'] === true) {
    errors.add(`${at}.then.autoFile`, 'a candidate always goes to a dispatcher; autoFile is not allowed');
  }
  if (outcome !== 'candidate' && then['flagUrgent'] === true) {
    errors.add(`${at}.then.flagUrgent`, 'only a candidate can be flagged urgent');
  }
  // domain.md §7: an automatic lead needs an explicit, high enough confidence threshold on an enforceable complaint
  if (outcome === 'case' && then['autoFile'] === true && isObject(when)) {
    const min = when['minEnforceableConfidence'];
    if (typeof min !== 'number' || min < MIN_AUTO_CASE_CONFIDENCE) {
      errors.add(`${at}.when.minEnforceableConfidence`, `an autoFile case rule needs minEnforceableConfidence of at least ${MIN_AUTO_CASE_CONFIDENCE}`);
    }
    if (when['enforceable'] !== true) errors.add(`${at}.when.enforceable`, 'an autoFile case rule must require enforceable: true');
  }
}

function validateWhen(when: Record<string, unknown>, at: string, areaIds: ReadonlySet<string>, errors: Errors): void {
  unknownKeys(when, WHEN_KEYS, at, errors);
  if (Object.keys(when).filter((k) => WHEN_KEYS.includes(k)).length === 0) {
    errors.add(at, 'must hold at least one condition; a rule for everything is the rule set\'s default');
  }
  for (const key of BOOLEAN_CONDITIONS) {
    if (when[key] !== undefined && typeof when[key] !== 'boolean') errors.add(`${at}.${key}`, 'must be a boolean');
  }
  for (const key of THRESHOLD_CONDITIONS) {
    const v = when[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)) errors.add(`${at}.${key}`, 'must be a number between 0 and 1');
  }
  for (const [min, max] of [['minEnforceableConfidence', 'maxEnforceableConfidence'], ['minCategoryConfidence', 'maxCategoryConfidence']] as const) {
    const lo = when[min];
    const hi = when[max];
    if (typeof lo === 'number' && typeof hi === 'number' && lo >= hi) errors.add(`${at}.${max}`, `must be greater than ${min} (the maximum is exclusive)`);
  }

  for (const key of ['categoryIn', 'categoryNotIn']) {
    list(when[key], `${at}.${key}`, errors, (v, field) => {
      if (!isCategoryCode(v)) errors.add(field, `unknown category ${JSON.stringify(v)}`);
    });
  }
  if (Array.isArray(when['categoryIn']) && Array.isArray(when['categoryNotIn'])) {
    errors.add(`${at}.categoryNotIn`, 'use either categoryIn or categoryNotIn, not both');
  }

  list(when['hotspotAreaIn'], `${at}.hotspotAreaIn`, errors, (v, field) => {
    if (typeof v !== 'string' || !areaIds.has(v)) errors.add(field, `unknown hotspot area ${JSON.stringify(v)}`);
  });
  if (when['inHotspotArea'] === false && when['hotspotAreaIn'] !== undefined) {
    errors.add(`${at}.hotspotAreaIn`, 'contradicts inHotspotArea: false');
  }

  const count = when['repeatCountAtLeast'];
  const days = when['repeatWindowDays'];
  if (count !== undefined && (!Number.isSafeInteger(count) || (count as number) < 1 || (count as number) > 1000)) {
    errors.add(`${at}.repeatCountAtLeast`, 'must be an integer between 1 and 1000');
  }
  if (days !== undefined && (!Number.isSafeInteger(days) || (days as number) < 1 || (days as number) > MAX_REPEAT_WINDOW_DAYS)) {
    errors.add(`${at}.repeatWindowDays`, `must be an integer between 1 and ${MAX_REPEAT_WINDOW_DAYS}`);
  }
  if ((count === undefined) !== (days === undefined)) {
    errors.add(count === undefined ? `${at}.repeatCountAtLeast` : `${at}.repeatWindowDays`, 'repeatCountAtLeast and repeatWindowDays go together');
  }
}

/** A non-empty array without duplicates whose items pass `item`. */
function list(value: unknown, at: string, errors: Errors, item: (v: unknown, field: string) => void): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0) {
    errors.add(at, 'must be a non-empty array');
    return;
  }
  value.forEach((v, i) => {
    item(v, `${at}[${i}]`);
    if (value.indexOf(v) !== i) errors.add(`${at}[${i}]`, `duplicate ${JSON.stringify(v)}`);
  });
}

function text(value: unknown, at: string, max: number, errors: Errors): void {
  if (typeof value !== 'string' || value.trim().length === 0) errors.add(at, 'must be a non-empty string');
  else if (value.length > max) errors.add(at, `must be at most ${max} characters`);
}

function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], at: string, errors: Errors): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) errors.add(at ? `${at}.${key}` : key, 'unknown field');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Condition objects compared regardless of key order and list order. */
function canonical(when: Record<string, unknown>): string {
  const entries = Object.keys(when)
    .sort()
    .map((k) => [k, Array.isArray(when[k]) ? [...(when[k] as unknown[])].map(String).sort() : when[k]]);
  return JSON.stringify(entries);
}

class Errors {
  private readonly byField = new Map<string, string[]>();

  add(field: string, message: string): void {
    const messages = this.byField.get(field) ?? [];
    messages.push(message);
    this.byField.set(field, messages);
  }

  result(json: unknown): RuleSetValidation {
    if (this.byField.size === 0) return { ok: true, ruleSet: json as RuleSet };
    return { ok: false, errors: [...this.byField].map(([field, messages]) => ({ field, messages })) };
  }
}
