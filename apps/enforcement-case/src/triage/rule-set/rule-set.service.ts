import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '@pipeline/http';
import { DEFAULT_RULE_SET } from './default-rule-set';
import { RuleSetRepository } from './rule-set.repository';
import type { RuleSet } from './rule-set.rules';
import { validateRuleSet } from './rule-set-validation.rules';

/** Other instances may activate a version; the cached one is re-read this often. */
const REFRESH_MS = 30_000;

/** The conversion rules an administrator reads and changes; decisions use the active version. */
@Injectable()
export class RuleSetService implements OnApplicationBootstrap {
  private cached: { ruleSet: RuleSet; at: number } | null = null;

  constructor(private readonly store: RuleSetRepository) {}

  /** A new store starts with the default rules, as version 1. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.store.activeVersion()) !== null) return;
    await this.store.add(DEFAULT_RULE_SET, 'system');
    await this.store.activate(DEFAULT_RULE_SET.version, 'system');
  }

  async active(): Promise<RuleSet> {
    if (this.cached && Date.now() - this.cached.at < REFRESH_MS) return this.cached.ruleSet;
    const version = await this.store.activeVersion();
    const found = version === null ? null : await this.store.get(version);
    const ruleSet = found?.ruleSet ?? DEFAULT_RULE_SET;
    this.cached = { ruleSet, at: Date.now() };
    return ruleSet;
  }

  list() {
    return this.store.list();
  }

  async get(version: number) {
    const found = await this.store.get(version);
    if (!found) throw DomainError.notFound('RULE_SET_NOT_FOUND', `规则集第 ${version} 版不存在`);
    const active = await this.store.activeVersion();
    return { ...found, active: active === version };
  }

  /** Saves a new version (numbered by the service); it decides only once activated. */
  async create(body: unknown, by: string) {
    const version = (await this.store.latestVersion()) + 1;
    const candidate = typeof body === 'object' && body !== null ? { ...(body as object), version } : body;
    const checked = validateRuleSet(candidate);
    if (!checked.ok) throw DomainError.invalid('RULE_SET_INVALID', '规则集有误', checked.errors);
    if (!(await this.store.add(checked.ruleSet, by))) {
      throw DomainError.conflict('RULE_SET_VERSION_TAKEN', `规则集第 ${version} 版已被他人同时保存，请重试`);
    }
    return { version, active: false };
  }

  async activate(version: number, by: string) {
    await this.get(version);
    await this.store.activate(version, by);
    this.cached = null;
    return { version, active: true };
  }
}
