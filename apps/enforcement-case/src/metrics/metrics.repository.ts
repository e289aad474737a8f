import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ComplaintRecordRepository } from '../complaint-records/complaint-record.repository';
import { incidentOf } from '../complaint-records/incident';
import { MetricDay } from './metric-day.schema';
import type { MetricCell, MetricRecord, Unit } from './metrics.rules';

/** A day's kept cells as the service uses them (MetricDay keeps them as JSON text). */
export interface KeptDay {
  day: string;
  basis: string | null;
  version: string;
  cells: Record<Unit, MetricCell[]>;
  builtAt: Date;
}

/**
 * Reads the complaint records the metric counts (ADR 0009) through their
 * repository, and keeps the days' cells beside them, each valid while its
 * day's mark stands (ADR 0019).
 *
 * Cost of a recount: one range read of the period's records on the
 * receivedAt index (a few hundred bytes each with the projection), plus, per
 * issue, lookups by _id and by repeatOf. Counting is in memory.
 */
@Injectable()
export class MetricsRepository {
  constructor(
    private readonly records: ComplaintRecordRepository,
    @InjectModel(MetricDay.name) private readonly days: Model<MetricDay>,
  ) {}

  /** The current mark token of each of these days that has one. */
  markTokens(days: readonly string[]): Promise<Map<string, string>> {
    return this.records.metricDayTokens(days);
  }

  /** The kept cells of these days, where there are any. */
  async keptDays(days: readonly string[]): Promise<Map<string, KeptDay>> {
    const stored = await this.days.find({ _id: { $in: days } }).lean<MetricDay[]>();
    return new Map(
      stored.map((d) => [d._id, { day: d._id, basis: d.basis, version: d.version, cells: { issue: JSON.parse(d.issue) as MetricCell[], order: JSON.parse(d.order) as MetricCell[] }, builtAt: d.builtAt }]),
    );
  }

  /** Keeps days' cells, replacing what was kept for them. */
  async keepDays(days: readonly KeptDay[]): Promise<void> {
    if (!days.length) return;
    await this.days.bulkWrite(
      days.map((d) => {
        const replacement: MetricDay = { _id: d.day, basis: d.basis, version: d.version, issue: JSON.stringify(d.cells.issue), order: JSON.stringify(d.cells.order), builtAt: d.builtAt };
        return { replaceOne: { filter: { _id: d.day }, replacement, upsert: true } };
      }),
    );
  }

  /** Forgets every day's cells: they are rebuilt from the records when next read. */
  async forgetDays(): Promise<void> {
    await this.days.deleteMany({});
  }

  /**
   * The records accepted in [start, end) and, when counting issues, the
   * other complaints of their incidents: the first report when it came
   * before the period, and the repeats that came after it (a later repeat's
   * case converts the incident too).
   */
  async recordsFor(start: Date, end: Date, unit: Unit): Promise<MetricRecord[]> {
    const inPeriod: MetricRecord[] = await this.records.receivedBetween(start, end);
    if (unit === 'order') return inPeriod;

    const have = new Set(inPeriod.map((r) => r._id));
    const incidents = [...new Set(inPeriod.map(incidentOf))];
    const roots = await this.records.withAnyOf('_id', incidents.filter((id) => !have.has(id)));
    // an incident whose first report came before the period belongs to an earlier period: nothing more to read for it
    const earlier = new Set(roots.filter((r) => r.receivedAt < start).map((r) => r._id));
    const open = incidents.filter((id) => !earlier.has(id));
    // a repeat whose first report was never recorded: its earliest known complaint stands for the first report
    const rootKnown = new Set([...have, ...roots.map((r) => r._id)]);
    const orphans = open.filter((id) => !rootKnown.has(id));
    const [later, before] = await Promise.all([this.records.withAnyOf('repeatOf', open, { from: end }), this.records.withAnyOf('repeatOf', orphans, { before: start })]);
    return [...inPeriod, ...roots, ...later, ...before];
  }
}
