import { Injectable } from '@nestjs/common';
import { referenceData } from '@pipeline/reference-data';
import { CaseEnv } from '../case.env';
import { ComplaintRecordRepository } from '../conversion/complaint-record.repository';
import { METRIC_DEFINITION, buildHotspotRows, type HotspotRow } from './metrics.rules';

export interface ComplaintToCaseReport {
  target: number;
  definition: string;
  rows: HotspotRow[];
}

@Injectable()
export class MetricsService {
  constructor(
    private readonly records: ComplaintRecordRepository,
    private readonly env: CaseEnv,
  ) {}

  async complaintToCase(): Promise<ComplaintToCaseReport> {
    const counts = await this.records.countByHotspotArea();
    const target = this.env.COMPLAINT_TO_CASE_TARGET;
    return { target, definition: METRIC_DEFINITION, rows: buildHotspotRows(referenceData().hotspotAreas, counts, target) };
  }
}
