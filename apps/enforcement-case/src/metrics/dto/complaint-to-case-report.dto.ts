import type { Counts, GroupBy, MetricChoices, Numerator, Scope, Unit } from '../metrics.rules';

// The complaint-to-case metric as /api/v1/metrics/complaint-to-case answers it.

export class MetricCountsDto implements Counts {
  complaints!: number;
  converted!: number;
  cases!: number;
  /** converted ÷ complaints; null without complaints. */
  rate!: number | null;
  met!: boolean;
}

/** One group's counts; the key field of the grouping (hotspotAreaId, district, communityId, category or week) is set. */
export class MetricRowDto extends MetricCountsDto {
  name!: string;
  hotspotAreaId?: string | null;
  district?: string | null;
  communityId?: string | null;
  category?: string | null;
  week?: string | null;
}

export class MetricPeriodDto {
  from!: string;
  to!: string;
  cutoff!: string;
}

export class ComplaintToCaseReportDto implements MetricChoices {
  unit!: Unit;
  scope!: Scope;
  numerator!: Numerator;
  target!: number;
  /** The definition the figures follow, printed beside them. */
  definition!: string;
  period!: MetricPeriodDto;
  groupBy!: GroupBy;
  rows!: MetricRowDto[];
  /** cases are distinct over the whole table. */
  totals!: MetricCountsDto;
  simpleProcedure!: { complaints: number };
}

