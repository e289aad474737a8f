import type { CategoryCode, ComplaintOutcome } from '@pipeline/contracts';
import type { Rule, RuleAction, RuleConditions, RuleSet } from './rule-set.rules';

// The rule sets as /api/v1/conversion/rule-sets answers them. Each class
// implements the rule type it shows, so the API document cannot drift from it.

export class RuleConditionsDto implements RuleConditions {
  categoryIn?: CategoryCode[];
  categoryNotIn?: CategoryCode[];
  enforceable?: boolean;
  minEnforceableConfidence?: number;
  maxEnforceableConfidence?: number;
  minCategoryConfidence?: number;
  maxCategoryConfidence?: number;
  urgent?: boolean;
  inHotspotArea?: boolean;
  hotspotAreaIn?: string[];
  identifiable?: boolean;
  isRepeat?: boolean;
  repeatCountAtLeast?: number;
  repeatWindowDays?: number;
  needsReview?: boolean;
}

export class RuleActionDto implements RuleAction {
  outcome!: ComplaintOutcome;
  reason!: string;
  autoFile?: boolean;
  flagUrgent?: boolean;
}

export class RuleDto implements Rule {
  id!: string;
  description!: string;
  when!: RuleConditionsDto;
  then!: RuleActionDto;
}

export class RuleSetDto implements RuleSet {
  version!: number;
  description!: string;
  /** Tried in order; the first rule whose conditions all hold decides. */
  rules!: RuleDto[];
  /** Applies when no rule matches (never `case`). */
  default!: { outcome: Exclude<ComplaintOutcome, 'case'>; reason: string };
}

export class RuleSetSummaryDto {
  version!: number;
  description!: string;
  createdBy!: string;
  createdAt!: Date;
}

export class RuleSetVersionDto {
  version!: number;
  ruleSet!: RuleSetDto;
  createdBy!: string;
  createdAt!: Date;
  /** This version decides now. */
  active!: boolean;
}

export class RuleSetStateDto {
  version!: number;
  active!: boolean;
}
