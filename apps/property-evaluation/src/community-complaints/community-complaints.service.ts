import { Injectable, Logger } from '@nestjs/common';
import type { ComplaintClassificationCorrectedV1, ComplaintClassifiedV1 } from '@pipeline/contracts';
import { DomainError } from '@pipeline/http';
import { community, referenceData, type Community } from '@pipeline/reference-data';
import { CommunityComplaintsRepository, type ComplaintTally } from './community-complaints.repository';
import { isPropertyService, perHundredHouseholds, quarterOf } from './community-complaints.rules';

export type RecordOutcome = 'recorded' | 'duplicate' | 'no-community';

/** A community's complaint figures for one quarter. */
export interface CommunityComplaintsView {
  communityId: string;
  name: string;
  district: string;
  households: number;
  propertyCompany: { id: string; name: string };
  hotspotAreaId: string | null;
  period: string;
  complaints: number;
  propertyServiceComplaints: number;
  perHundredHouseholds: number;
}

@Injectable()
export class CommunityComplaintsService {
  private readonly logger = new Logger(CommunityComplaintsService.name);

  constructor(private readonly complaints: CommunityComplaintsRepository) {}

  /**
   * Records a classified complaint against its community. Complaints with no
   * community say nothing about a property company and are left out. A
   * complaint already recorded (a redelivery, or a second classification of
   * it) is not counted again.
   */
  async record(event: ComplaintClassifiedV1): Promise<RecordOutcome> {
    if (!event.communityId) return 'no-community';
    const reportedAt = new Date(event.reportedAt);
    const inserted = await this.complaints.insertOnce({
      _id: event.complaintId,
      communityId: event.communityId,
      category: event.category,
      isPropertyService: isPropertyService(event.category),
      period: quarterOf(reportedAt),
      reportedAt,
      repeatOf: event.repeatOf ?? null,
      recordedAt: new Date(),
    });
    // a community outside the reference data is still recorded (the fact is true) but no view shows it
    if (inserted && !community(event.communityId)) this.logger.warn(`投诉 ${event.complaintId} 所属小区 ${event.communityId} 不在参考数据中`);
    return inserted ? 'recorded' : 'duplicate';
  }

  /** A clerk's correction wins over the classifier: the record is replaced, whatever came first. */
  async correct(event: ComplaintClassificationCorrectedV1): Promise<void> {
    const reportedAt = new Date(event.reportedAt);
    await this.complaints.replace({
      _id: event.complaintId,
      communityId: event.communityId ?? null,
      category: event.category,
      isPropertyService: isPropertyService(event.category),
      period: quarterOf(reportedAt),
      reportedAt,
      repeatOf: event.repeatOf ?? null,
      recordedAt: new Date(),
    });
  }

  /** Every reference community, in id order, with its figures for the period (default: the current quarter). */
  async list(period = quarterOf(new Date())): Promise<CommunityComplaintsView[]> {
    const counts = countsByCommunity(await this.complaints.tally(period));
    return [...referenceData().communities]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((c) => view(c, period, counts.get(c.id)));
  }

  async get(id: string, period = quarterOf(new Date())): Promise<CommunityComplaintsView> {
    const c = community(id);
    if (!c) throw DomainError.notFound('COMMUNITY_NOT_FOUND', `小区 ${id} 不存在`);
    const counts = countsByCommunity(await this.complaints.tally(period, id));
    return view(c, period, counts.get(id));
  }
}

interface Counts {
  all: number;
  propertyService: number;
}

function countsByCommunity(tallies: ComplaintTally[]): Map<string, Counts> {
  const byCommunity = new Map<string, Counts>();
  for (const t of tallies) {
    const counts = byCommunity.get(t.communityId) ?? { all: 0, propertyService: 0 };
    counts.all += t.count;
    if (t.isPropertyService) counts.propertyService += t.count;
    byCommunity.set(t.communityId, counts);
  }
  return byCommunity;
}

function view(c: Community, period: string, counts: Counts = { all: 0, propertyService: 0 }): CommunityComplaintsView {
  return {
    communityId: c.id,
    name: c.name,
    district: c.district,
    households: c.households,
    propertyCompany: { id: c.propertyCompany.id, name: c.propertyCompany.name },
    hotspotAreaId: c.hotspotAreaId,
    period,
    complaints: counts.all,
    propertyServiceComplaints: counts.propertyService,
    perHundredHouseholds: perHundredHouseholds(counts.propertyService, c.households),
  };
}
