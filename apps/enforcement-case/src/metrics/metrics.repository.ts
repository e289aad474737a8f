import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { ComplaintRecord } from '../conversion/complaint-record.schema';
import { MetricDay, MetricDayMark } from './metric-day.schema';
import { incidentOf, type MetricCell, type MetricRecord, type Unit } from './metrics.rules';

/** A day's kept cells as the service uses them (MetricDay keeps them as JSON text). */
export interface KeptDay {
  day: string;
  basis: string | null;
  version: string;
  cells: Record<Unit, MetricCell[]>;
  builtAt: Date;
}

/** Ids per `$in` query (ADR 0015: the store's pushdown takes lists of up to 1,000). */
const IN_BATCH = 1000;

/** Only the fields the metric reads. */
const PROJECTION = {
  category: 1,
  hotspotAreaId: 1,
  communityId: 1,
  district: 1,
  repeatOf: 1,
  incidentId: 1,
  receivedAt: 1,
  inScope: 1,
  caseId: 1,
  caseFiledAt: 1,
  caseFilingVoid: 1,
  simpleProcedure: 1,
  decidedAt: 1,
} as const;

/**
 * Reads the complaint records the metric counts (ADR 0009), and the days'
 * cells kept beside them with the marks that say whether each is still valid
 * (ADR 0019).
 *
 * Cost of a recount: one range read of the period's records on the
 * receivedAt index (a few hundred bytes each with the projection), plus, per
 * issue, lookups by _id and by repeatOf. Counting is in memory.
 */
@Injectable()
export class MetricsRepository {
  constructor(
    @InjectModel(ComplaintRecord.name) private readonly model: Model<ComplaintRecord>,
    @InjectModel(MetricDay.name) private readonly days: Model<MetricDay>,
    @InjectModel(MetricDayMark.name) private readonly marks: Model<MetricDayMark>,
  ) {}

  /** The current mark token of each of these days that has one. */
  async markTokens(days: readonly string[]): Promise<Map<string, string>> {
    const marks = await this.marks.find({ _id: { $in: days } }).lean<MetricDayMark[]>();
    return new Map(marks.map((m) => [m._id, m.token]));
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
    const inPeriod = await this.find({ receivedAt: { $gte: start, $lt: end } });
    if (unit === 'order') return inPeriod;

    const have = new Set(inPeriod.map((r) => r._id));
    const incidents = [...new Set(inPeriod.map(incidentOf))];
    const roots = await this.findAny('_id', incidents.filter((id) => !have.has(id)), {});
    // an incident whose first report came before the period belongs to an earlier period: nothing more to read for it
    const earlier = new Set(roots.filter((r) => r.receivedAt < start).map((r) => r._id));
    const open = incidents.filter((id) => !earlier.has(id));
    // a repeat whose first report was never recorded: its earliest known complaint stands for the first report
    const rootKnown = new Set([...have, ...roots.map((r) => r._id)]);
    const orphans = open.filter((id) => !rootKnown.has(id));
    const [later, before] = await Promise.all([
      this.findAny('repeatOf', open, { receivedAt: { $gte: end } }),
      this.findAny('repeatOf', orphans, { receivedAt: { $lt: start } }),
    ]);
    return [...inPeriod, ...roots, ...later, ...before];
  }

  /**
   * Records whose field is one of ids, asked IN_BATCH ids at a time: each an
   * index lookup on either store (the project's FerretDB pushes no longer
   * list down to SQLite, and would read the whole collection instead).
   */
  private async findAny(field: '_id' | 'repeatOf', ids: string[], more: FilterQuery<ComplaintRecord>): Promise<MetricRecord[]> {
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += IN_BATCH) batches.push(ids.slice(i, i + IN_BATCH));
    return (await Promise.all(batches.map((batch) => this.find({ ...more, [field]: { $in: batch } })))).flat();
  }

  private find(filter: FilterQuery<ComplaintRecord>): Promise<MetricRecord[]> {
    return this.model.find(filter, PROJECTION).lean<MetricRecord[]>().exec();
  }
}
