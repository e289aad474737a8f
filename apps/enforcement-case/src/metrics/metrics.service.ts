import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CaseEnv } from '../case.env';
import type { ComplaintToCaseQuery } from './dto/complaint-to-case.query';
import type { ComplaintToCaseReportDto } from './dto/complaint-to-case-report.dto';
import { MetricsRepository } from './metrics.repository';
import {
  EVERY_FILING, METRIC_DEFINITION, cellsByDay, consecutiveRuns, countComplaintToCase, daysOf, definitionText, parseCutoff, periodInstants, resolvePeriod, tabulate,
  type DayCells, type MetricChoices, type Period, type Unit,
} from './metrics.rules';

/** Names the counting code of the kept cells: changed with cellsByDay or MetricCell, so cells an older build kept are rebuilt. */
export const METRIC_CELLS_VERSION = 'cells-2';

@Injectable()
export class MetricsService implements OnApplicationBootstrap {
  private readonly recounts = new Map<string, Promise<Record<Unit, DayCells>>>();

  constructor(
    private readonly records: MetricsRepository,
    private readonly env: CaseEnv,
  ) {}

  /** Kept cells are derived data: a restore, a migration or a write around the service may have changed the records they came from. */
  async onApplicationBootstrap(): Promise<void> {
    await this.records.forgetDays();
  }

  /**
   * As of now: from each day's kept cells, recounting the days written since
   * (ADR 0019). As of an earlier cutoff: recounted from the records (ADR 0009).
   */
  async complaintToCase(query: ComplaintToCaseQuery, now = new Date()): Promise<ComplaintToCaseReportDto> {
    const period = resolvePeriod(query.from, query.to, now);
    const cutoff = query.cutoff === undefined ? undefined : parseCutoff(query.cutoff);
    const { defaults } = METRIC_DEFINITION;
    const choices: MetricChoices = { unit: query.unit ?? defaults.unit, scope: query.scope ?? defaults.scope, numerator: query.numerator ?? defaults.numerator };
    const groupBy = query.groupBy ?? 'hotspotArea';
    const target = this.env.COMPLAINT_TO_CASE_TARGET;

    const { start, end } = periodInstants(period);
    const table = cutoff
      ? countComplaintToCase(await this.records.recordsFor(start, end, choices.unit), { ...choices, period, cutoff, groupBy, target })
      : tabulate(await this.currentCells(period, choices.unit, now), { ...choices, period, groupBy, target });
    return {
      target,
      definition: definitionText(choices),
      period: { ...period, cutoff: (cutoff ?? now).toISOString() },
      groupBy,
      ...choices,
      ...table,
    };
  }

  /** The period's cells counting every filing so far: kept days still valid, and a recount of the others, kept for the next read. */
  private async currentCells(period: Period, unit: Unit, now: Date): Promise<DayCells> {
    const days = daysOf(period);
    // Marks are read before any record is: a write after this read sets a new token after it, so the
    // cells kept below are never taken for newer than the records they were counted from.
    const [tokens, kept] = await Promise.all([this.records.markTokens(days), this.records.keptDays(days)]);
    const cells: DayCells = new Map();
    const stale: string[] = [];
    for (const day of days) {
      const k = kept.get(day);
      if (k && k.version === METRIC_CELLS_VERSION && k.basis === (tokens.get(day) ?? null)) cells.set(day, k.cells[unit]);
      else stale.push(day);
    }
    for (const run of consecutiveRuns(stale)) {
      const counted = await this.recountOnce(run, tokens, now);
      for (const day of daysOf(run)) cells.set(day, counted[unit].get(day) ?? []);
    }
    return cells;
  }

  /**
   * Recounts a run of days and keeps its cells. Requests that find the same
   * run stale while it is being recounted (the console and a Prometheus
   * scrape after a start, say) wait for that recount instead of starting
   * theirs: at a large period it is the one expensive read.
   */
  private recountOnce(run: Period, tokens: ReadonlyMap<string, string>, now: Date): Promise<Record<Unit, DayCells>> {
    const key = `${run.from}/${run.to}`;
    const pending = this.recounts.get(key);
    if (pending) return pending;
    const recount = (async () => {
      const { start, end } = periodInstants(run);
      const records = await this.records.recordsFor(start, end, 'issue');
      const counted = { issue: cellsByDay(records, run, 'issue', EVERY_FILING), order: cellsByDay(records, run, 'order', EVERY_FILING) };
      await this.records.keepDays(
        daysOf(run).map((day) => ({ day, basis: tokens.get(day) ?? null, version: METRIC_CELLS_VERSION, cells: { issue: counted.issue.get(day) ?? [], order: counted.order.get(day) ?? [] }, builtAt: now })),
      );
      return counted;
    })().finally(() => this.recounts.delete(key));
    this.recounts.set(key, recount);
    return recount;
  }
}
