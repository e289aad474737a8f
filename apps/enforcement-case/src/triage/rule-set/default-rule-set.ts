import type { RuleSet } from './rule-set.rules';

/**
 * The rule set the service starts with until an administrator stores another.
 *
 * It keeps the skeleton's rules (conversion.rules.ts: other → forwarded, not
 * enforceable → service request, enforceable → case or candidate) and makes
 * the automatic lead stricter: at 0.7–0.85 confidence a lead is opened
 * automatically only in a hotspot area or for an incident reported again and
 * again; elsewhere a dispatcher decides. A lead (线索, LEAD) is never a filing
 * (立案): officers check it first, so an automatic lead is not an automatic
 * filing decision.
 *
 * The thresholds are a starting point to tune on the labelled complaints,
 * not a ruling: confirm them with the bureau (domain.md §8).
 */
export const DEFAULT_RULE_SET: RuleSet = deepFreeze({
  version: 1,
  description: '诉转案默认规则集：非城管职责转办，服务类诉求交责任单位，高置信度或热点区域、多次反映的违法线索自动生成，其余由调度员确认',
  rules: [
    {
      id: 'not-bureau-duty',
      description: '非城管职责的投诉转交其他职能部门',
      when: { categoryIn: ['other'] },
      then: { outcome: 'forwarded', reason: '非城管职责，转交其他职能部门', autoFile: true },
    },
    {
      id: 'service-request',
      description: '不构成违法行为的服务类诉求交责任单位办理',
      when: { enforceable: false },
      then: { outcome: 'service_request', reason: '服务类诉求，不属违法行为，转责任单位办理', autoFile: true },
    },
    {
      id: 'confident-identifiable',
      description: '可执法置信度不低于0.85且地点或当事人可确定的，自动生成案件线索',
      when: { enforceable: true, minEnforceableConfidence: 0.85, identifiable: true },
      then: { outcome: 'case', reason: '可执法事项置信度高且地点或当事人可确定，自动生成案件线索，待执法人员核查后决定是否立案', autoFile: true },
    },
    {
      id: 'hotspot-area',
      description: '热点区域内可执法置信度不低于0.7的，自动生成案件线索（热点区域诉转案率目标10%）',
      when: { enforceable: true, inHotspotArea: true, minEnforceableConfidence: 0.7 },
      then: { outcome: 'case', reason: '热点区域内的可执法事项，自动生成案件线索，待执法人员核查后决定是否立案', autoFile: true },
    },
    {
      id: 'repeated-30d',
      description: '30日内同一问题反映3次及以上且可执法置信度不低于0.7的，自动生成案件线索',
      when: { enforceable: true, repeatCountAtLeast: 3, repeatWindowDays: 30, minEnforceableConfidence: 0.7 },
      then: { outcome: 'case', reason: '30日内同一问题反映3次及以上，问题未得到纠正，自动生成案件线索，待执法人员核查后决定是否立案', autoFile: true },
    },
    {
      id: 'urgent-candidate',
      description: '紧急的疑似违法事项，未满足自动生成线索条件的，优先交调度员确认',
      when: { enforceable: true, urgent: true },
      then: { outcome: 'candidate', reason: '紧急的疑似违法事项，优先推送调度员确认', flagUrgent: true },
    },
    {
      id: 'enforceable-candidate',
      description: '其余疑似违法事项由调度员确认',
      when: { enforceable: true },
      then: { outcome: 'candidate', reason: '疑似违法，但未达到自动生成案件线索的条件，待调度员确认' },
    },
  ],
  default: { outcome: 'candidate', reason: '未命中任何规则，待调度员确认' },
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
