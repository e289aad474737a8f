import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import type { Channel } from '@pipeline/contracts';
import type { OutgoingEnvelope } from '@pipeline/kafka';
import { OutboxRelay, type OutboxModel } from '@pipeline/mongo';
import { deriveStatus, type ComplaintStatus } from './complaint-status.rules';
import { Complaint } from './complaint.schema';

export type ComplaintRecord = Omit<Complaint, 'outbox' | 'outboxSeq' | 'outboxPendingSince'>;
export type ComplaintFacts = Pick<ComplaintRecord, 'classification' | 'outcome' | 'caseProgress' | 'closure' | 'lastCallback'>;

const HIDE_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingSince: 0 } as const;
/** Lists never carry the caller, not even encrypted. */
const LIST_PROJECTION = { ...HIDE_OUTBOX, caller: 0, attachments: 0 } as const;
/** Public lists (Open311) show the first attachment, and never the caller either. */
const PUBLIC_LIST_PROJECTION = { ...HIDE_OUTBOX, caller: 0 } as const;

export interface ComplaintFilter {
  status?: ComplaintStatus;
  category?: string;
  hotspotAreaId?: string;
  communityId?: string;
  channel?: Channel;
  from?: Date;
  to?: Date;
  text?: string;
  callerRef?: string;
  externalRef?: string;
  /** Only these complaints (Open311's service_request_id list). */
  ids?: string[];
  /** Open311 service codes: the classifier's category, or the requested one until classified. */
  serviceCodes?: string[];
  /** Open311's open/closed: true keeps closed complaints only, false the others; ignored when `status` is set. */
  closed?: boolean;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toQuery(filter: ComplaintFilter, before: string | undefined): FilterQuery<Complaint> {
  const q: FilterQuery<Complaint> = {};
  if (filter.status) q.status = filter.status;
  else if (filter.closed !== undefined) q.status = filter.closed ? 'closed' : { $ne: 'closed' };
  if (filter.category) q['classification.category'] = filter.category;
  if (filter.hotspotAreaId) q['classification.hotspotAreaId'] = filter.hotspotAreaId;
  if (filter.communityId) q['classification.communityId'] = filter.communityId;
  if (filter.channel) q.channel = filter.channel;
  if (filter.callerRef) q['caller.ref'] = filter.callerRef;
  if (filter.externalRef) q.externalRef = filter.externalRef;
  if (filter.from || filter.to) q.receivedAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  // the search text is a literal, never a pattern the caller controls
  if (filter.text) q.text = { $regex: escapeRegex(filter.text) };
  if (filter.serviceCodes) {
    q.$or = [{ 'classification.category': { $in: filter.serviceCodes } }, { classification: null, requestedCategory: { $in: filter.serviceCodes } }];
  }
  if (filter.ids || before) q._id = { ...(filter.ids ? { $in: filter.ids } : {}), ...(before ? { $lt: before } : {}) };
  return q;
}

/** The only code that touches the complaints collection; returns plain objects. */
@Injectable()
export class ComplaintRepository {
  private readonly outbox: OutboxModel<Complaint>;

  constructor(
    @InjectModel(Complaint.name) private readonly model: Model<Complaint>,
    relay: OutboxRelay,
  ) {
    this.outbox = relay.for(model);
  }

  /**
   * Stores a new complaint with its events in one write. When its id or its
   * dedupe key (channel + work-order number) exists already, nothing is
   * written and the existing complaint is returned instead.
   */
  async insertOnce(complaint: ComplaintRecord, events: OutgoingEnvelope[]): Promise<{ created: boolean; complaint: ComplaintRecord }> {
    if (await this.outbox.insertOnce(complaint, events)) return { created: true, complaint };
    const existing = await this.model.findOne({ $or: [{ _id: complaint._id }, { dedupeKey: complaint.dedupeKey }] }, HIDE_OUTBOX).lean<ComplaintRecord>();
    if (!existing) throw new Error(`duplicate complaint ${complaint._id} vanished`);
    return { created: false, complaint: existing };
  }

  findById(id: string): Promise<ComplaintRecord | null> {
    return this.model.findById(id, HIDE_OUTBOX).lean<ComplaintRecord>();
  }

  /** Newest first; `before` is the last id of the previous page (ids grow with time). */
  list(filter: ComplaintFilter, before: string | undefined, limit: number): Promise<ComplaintRecord[]> {
    return this.model.find(toQuery(filter, before), LIST_PROJECTION).sort({ _id: -1 }).limit(limit).lean<ComplaintRecord[]>();
  }

  /** Newest received first, with attachments but without the caller: the public (Open311) list. */
  listPublic(filter: ComplaintFilter, limit: number): Promise<ComplaintRecord[]> {
    return this.model.find(toQuery(filter, undefined), PUBLIC_LIST_PROJECTION).sort({ receivedAt: -1, _id: -1 }).limit(limit).lean<ComplaintRecord[]>();
  }

  /**
   * Records facts about a complaint and the events they cause, recomputing its
   * status, in one write. `decide` sees the current complaint and returns the
   * facts to set, or null to leave it unchanged.
   */
  async update(
    id: string,
    decide: (current: ComplaintRecord) => { facts: Partial<ComplaintFacts>; events?: OutgoingEnvelope[] } | null,
  ): Promise<{ before: ComplaintRecord; after: ComplaintRecord } | null> {
    const result = await this.outbox.updateOne(id, (current) => {
      const change = decide(current);
      if (!change) return null;
      const status = deriveStatus({ ...current, ...change.facts });
      return { set: { ...change.facts, status, updatedAt: new Date() }, events: change.events };
    });
    return result && { before: result.before, after: result.after };
  }
}
