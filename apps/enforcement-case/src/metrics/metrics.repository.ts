import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { ComplaintRecord } from '../conversion/complaint-record.schema';
import { incidentOf, type MetricRecord, type Unit } from './metrics.rules';

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
 * Reads the complaint records the metric recounts, every time: there are no
 * counters kept beside them that could drift (ADR 0009).
 *
 * Cost: one range read of the period's records on the receivedAt index (a
 * few hundred bytes each with the projection), plus, per issue, lookups by
 * _id and by repeatOf within receivedAt ranges. The records of a period are
 * bounded by the bureau's volume (5,915 hotline orders in 2024, so a year is
 * a few megabytes); counting is in memory. Keeping pre-aggregated figures
 * for city-scale volumes is issue 9's concern.
 */
@Injectable()
export class MetricsRepository {
  constructor(@InjectModel(ComplaintRecord.name) private readonly model: Model<ComplaintRecord>) {}

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

  /** Records whose field is one of ids (no round trip for none). */
  private findAny(field: '_id' | 'repeatOf', ids: string[], more: FilterQuery<ComplaintRecord>): Promise<MetricRecord[]> {
    return ids.length ? this.find({ ...more, [field]: { $in: ids } }) : Promise.resolve([]);
  }

  private find(filter: FilterQuery<ComplaintRecord>): Promise<MetricRecord[]> {
    return this.model.find(filter, PROJECTION).lean<MetricRecord[]>().exec();
  }
}
