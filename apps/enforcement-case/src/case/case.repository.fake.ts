import type { OutgoingEnvelope } from '@pipeline/kafka';
import type { SquadStateCount } from './case-counts.rules';
import type { CaseRecord, CaseRepository } from './case.repository';
import { isEndedState } from './procedure/case-states';

type Contract = Pick<CaseRepository, keyof CaseRepository>;

/** CaseRepository's contract in memory, for unit specs: one case per id, events kept per write. */
export class InMemoryCases implements Contract {
  readonly stored = new Map<string, CaseRecord>();
  /** Every event written, in order, by case. */
  readonly events = new Map<string, OutgoingEnvelope[]>();

  async insertIfAbsent(record: CaseRecord, events: OutgoingEnvelope[]): Promise<boolean> {
    if (this.stored.has(record._id)) return false;
    this.stored.set(record._id, structuredClone(record));
    this.events.set(record._id, [...events]);
    return true;
  }

  async step(caseId: string, decide: (current: CaseRecord) => { set: Partial<CaseRecord>; events: OutgoingEnvelope[] } | null) {
    const current = this.stored.get(caseId);
    if (!current) return null;
    const change = decide(current);
    if (!change) return { before: current, after: current, changed: false };
    const after = { ...current, ...change.set };
    this.stored.set(caseId, after);
    this.events.set(caseId, [...(this.events.get(caseId) ?? []), ...change.events]);
    return { before: current, after, changed: true };
  }

  async open(): Promise<CaseRecord[]> {
    return [...this.stored.values()].filter((c) => !isEndedState(c.state));
  }

  async attachComplaint(caseId: string, complaintId: string): Promise<boolean> {
    const result = await this.step(caseId, (c) => (c.complaintIds.includes(complaintId) ? null : { set: { complaintIds: [...c.complaintIds, complaintId] }, events: [] }));
    return result !== null;
  }

  async findById(id: string): Promise<CaseRecord | null> {
    return this.stored.get(id) ?? null;
  }

  async list(filter: { state?: string; hotspotAreaId?: string; squadId?: string }, limit: number): Promise<CaseRecord[]> {
    return [...this.stored.values()]
      .filter((c) => (!filter.squadId || c.squadId === filter.squadId) && (!filter.state || c.state === filter.state) && (!filter.hotspotAreaId || c.hotspotAreaId === filter.hotspotAreaId))
      .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || b._id.localeCompare(a._id))
      .slice(0, limit);
  }

  async countBySquadAndState(): Promise<SquadStateCount[]> {
    const counts = new Map<string, SquadStateCount>();
    for (const c of this.stored.values()) {
      const key = `${c.squadId}|${c.state}`;
      const row = counts.get(key) ?? { squadId: c.squadId, state: c.state, cases: 0 };
      row.cases += 1;
      counts.set(key, row);
    }
    return [...counts.values()];
  }

  async count(filter: Record<string, unknown> = {}): Promise<number> {
    return [...this.stored.values()].filter((c) => Object.entries(filter).every(([k, v]) => (c as unknown as Record<string, unknown>)[k] === v)).length;
  }

  /** Puts a case straight into the store, as an earlier write would have. */
  seed(record: CaseRecord): void {
    this.stored.set(record._id, structuredClone(record));
  }
}
