import { Injectable } from '@nestjs/common';
import { CaseEnv } from '../case.env';
import type { ComplaintToCaseQuery } from './dto/complaint-to-case.query';
import { MetricsRepository } from './metrics.repository';
import {
  METRIC_DEFINITION, countComplaintToCase, definitionText, parseCutoff, periodInstants, resolvePeriod,
  type Counts, type GroupBy, type MetricChoices, type MetricRow,
} from './metrics.rules';

export interface ComplaintToCaseReport extends MetricChoices {
  target: number;
  definition: string;
  period: { from: string; to: string; cutoff: string };
  groupBy: GroupBy;
  rows: MetricRow[];
  totals: Counts;
  simpleProcedure: { complaints: number };
}

@Injectable()
export class MetricsService {
  constructor(
    private readonly records: MetricsRepository,
    private readonly env: CaseEnv,
  ) {}

  /** Recounted from the stored complaint records on every call. */
  async complaintToCase(query: ComplaintToCaseQuery, now = new Date()): Promise<ComplaintToCaseReport> {
    const period = resolvePeriod(query.from, query.to, now);
    const cutoff = (query.cutoff === undefined ? undefined : parseCutoff(query.cutoff)) ?? now;
    const { defaults } = METRIC_DEFINITION;
    const choices: MetricChoices = { unit: query.unit ?? defaults.unit, scope: query.scope ?? defaults.scope, numerator: query.numerator ?? defaults.numerator };
    const groupBy = query.groupBy ?? 'hotspotArea';
    const target = this.env.COMPLAINT_TO_CASE_TARGET;

    const { start, end } = periodInstants(period);
    const records = await this.records.recordsFor(start, end, choices.unit);
    const table = countComplaintToCase(records, { ...choices, period, cutoff, groupBy, target });
    return {
      target,
      definition: definitionText(choices),
      period: { ...period, cutoff: cutoff.toISOString() },
      groupBy,
      ...choices,
      ...table,
    };
  }
}
