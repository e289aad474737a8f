import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { OutgoingEnvelope } from '@pipeline/kafka';
import { OutboxRelay, type OutboxModel } from '@pipeline/mongo';
import type { SquadStateCount } from './case-counts.rules';
import { EnforcementCase } from './case.schema';
import { ENDED_CASE_STATES } from './procedure/case-states';

export type CaseRecord = Omit<EnforcementCase, 'outbox' | 'outboxSeq' | 'outboxPendingSince'>;
const HIDE_OUTBOX = { outbox: 0, outboxSeq: 0, outboxPendingSince: 0 } as const;

@Injectable()
export class CaseRepository {
  private readonly outbox: OutboxModel<EnforcementCase>;

  constructor(
    @InjectModel(EnforcementCase.name) private readonly model: Model<EnforcementCase>,
    relay: OutboxRelay,
  ) {
    this.outbox = relay.for(model);
  }

  /** Opens the case unless it exists already (its id is deterministic); true when created now. */
  insertIfAbsent(record: CaseRecord, events: OutgoingEnvelope[]): Promise<boolean> {
    return this.outbox.insertOnce(record, events);
  }

  /** Applies one procedural step with its events, under the case's lock (see OutboxModel.updateOne). */
  step(caseId: string, decide: (current: CaseRecord) => { set: Partial<CaseRecord>; events: OutgoingEnvelope[] } | null) {
    return this.outbox.updateOne(caseId, decide);
  }

  /** Cases still in the procedure (for the overdue list). */
  open(): Promise<CaseRecord[]> {
    return this.model.find({ state: { $nin: [...ENDED_CASE_STATES] } }, HIDE_OUTBOX).lean<CaseRecord[]>();
  }

  /** Adds a complaint to a case's complaints (a repeat of its incident); false when the case does not exist. */
  async attachComplaint(caseId: string, complaintId: string): Promise<boolean> {
    const result = await this.outbox.updateOne(caseId, (c) =>
      c.complaintIds.includes(complaintId) ? null : { set: { complaintIds: [...c.complaintIds, complaintId] } },
    );
    return result !== null;
  }

  findById(id: string): Promise<CaseRecord | null> {
    return this.model.findById(id, HIDE_OUTBOX).lean<CaseRecord>();
  }

  /** Newest first. */
  list(filter: { state?: string; hotspotAreaId?: string; squadId?: string }, limit: number): Promise<CaseRecord[]> {
    const query: Record<string, unknown> = {};
    if (filter.squadId) query.squadId = filter.squadId;
    if (filter.state) query.state = filter.state;
    if (filter.hotspotAreaId) query.hotspotAreaId = filter.hotspotAreaId;
    return this.model.find(query, HIDE_OUTBOX).sort({ openedAt: -1, _id: -1 }).limit(limit).lean<CaseRecord[]>();
  }

  /** Cases per squad and state, one $sum per $group (FerretDB); the caller folds states into open and ended (foldBySquad). */
  async countBySquadAndState(): Promise<SquadStateCount[]> {
    const rows = await this.model.aggregate<{ _id: { squadId: string | null; state: string }; n: number }>([
      { $group: { _id: { squadId: '$squadId', state: '$state' }, n: { $sum: 1 } } },
    ]);
    return rows.map((r) => ({ squadId: r._id.squadId ?? null, state: r._id.state, cases: r.n }));
  }

  count(filter: Record<string, unknown> = {}): Promise<number> {
    return this.model.countDocuments(filter);
  }
}
