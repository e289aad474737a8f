import { Injectable } from '@nestjs/common';
import { METRICS } from '@pipeline/contracts';
import { ServiceMetrics, cachedReading } from '@pipeline/observability';
import { CaseEnv } from '../case.env';
import { CaseService } from '../case/case.service';
import type { ComplaintToCaseQuery } from './dto/complaint-to-case.query';
import { MetricsService } from './metrics.service';

/** Both readings query the store; Prometheus scrapes every 15–30 s, and neither figure moves faster than that matters. */
const READING_TTL_MS = 30_000;

/** This month, by hotspot area, in the default definition: the figures the console's map shows (ADR 0009). */
const THIS_MONTH_BY_AREA = { groupBy: 'hotspotArea' } as ComplaintToCaseQuery;

/**
 * The case service's gauges for Prometheus, computed on scrape by the same
 * code that answers GET /api/v1/cases/overdue and the complaint-to-case
 * metric, cached so a scrape costs at most one store read of each per 30 s.
 */
@Injectable()
export class CaseGauges {
  constructor(metrics: ServiceMetrics, cases: CaseService, metric: MetricsService, env: CaseEnv) {
    const overdue = cachedReading(READING_TTL_MS, async () => (await cases.overdue()).items.length);
    metrics.gauge(METRICS.casesOverdue, async (gauge) => {
      const n = await overdue();
      if (n !== undefined) gauge.set(n);
    });

    const byArea = cachedReading(READING_TTL_MS, async () => (await metric.complaintToCase(THIS_MONTH_BY_AREA)).rows);
    metrics.gauge(METRICS.hotspotComplaints, async (gauge) => {
      const rows = await byArea();
      for (const row of rows ?? []) if (row.hotspotAreaId) gauge.set({ area: row.hotspotAreaId }, row.complaints);
    });
    metrics.gauge(METRICS.hotspotRate, async (gauge) => {
      const rows = await byArea();
      if (!rows) return;
      // an area without complaints has no rate: no series, rather than a 0 that would look like a miss
      gauge.reset();
      for (const row of rows) if (row.hotspotAreaId && row.rate !== null) gauge.set({ area: row.hotspotAreaId }, row.rate);
    });
    metrics.gauge(METRICS.complaintToCaseTarget).set(env.COMPLAINT_TO_CASE_TARGET);
  }
}
