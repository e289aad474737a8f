import type { OutgoingEnvelope } from '@pipeline/kafka';
import { KeyedMutex } from '@pipeline/mongo';
import type {
  ClassificationFilter, ClassificationRecord, ClassificationRepository, CorrectionFields, ListPosition,
} from './classification.repository';

type Contract = Pick<ClassificationRepository, keyof ClassificationRepository>;

/** ClassificationRepository's contract in memory, for unit specs: one classification per complaint, events kept per write. */
export class InMemoryClassifications implements Contract {
  readonly stored = new Map<string, ClassificationRecord>();
  /** Every event written, in order, by complaint. */
  readonly events = new Map<string, OutgoingEnvelope[]>();
  private readonly locks = new KeyedMutex();

  async insertIfAbsent(record: ClassificationRecord, events: OutgoingEnvelope[]): Promise<boolean> {
    if (this.stored.has(record.complaintId)) return false;
    this.stored.set(record.complaintId, { ...record });
    this.events.set(record.complaintId, [...events]);
    return true;
  }

  /** What was stored for a complaint; fails the test when nothing was. */
  storedFor(complaintId: string): { record: ClassificationRecord; events: OutgoingEnvelope[] } {
    const record = this.stored.get(complaintId);
    if (!record) throw new Error(`nothing stored for ${complaintId}`);
    return { record, events: this.events.get(complaintId) ?? [] };
  }

  async findByComplaintId(complaintId: string): Promise<ClassificationRecord | null> {
    const found = this.stored.get(complaintId);
    return found ? { ...found } : null;
  }

  async list(filter: ClassificationFilter, after: ListPosition | undefined, limit: number): Promise<ClassificationRecord[]> {
    const key = (r: { classifiedAt: Date; complaintId: string }) => `${String(r.classifiedAt.getTime()).padStart(15, '0')}|${r.complaintId}`;
    return [...this.stored.values()]
      .filter((r) => (filter.needsReview === undefined || r.needsReview === filter.needsReview) && (!filter.decidedBy || r.decidedBy === filter.decidedBy))
      .filter((r) => !after || key(r) < key(after))
      .sort((a, b) => key(b).localeCompare(key(a)))
      .slice(0, limit);
  }

  async listCorrected(afterId: string | undefined, limit: number): Promise<ClassificationRecord[]> {
    return [...this.stored.values()]
      .filter((r) => r.decidedBy === 'person' && (afterId === undefined || r.complaintId > afterId))
      .sort((a, b) => a.complaintId.localeCompare(b.complaintId))
      .slice(0, limit);
  }

  withLock<T>(complaintId: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(complaintId, work);
  }

  async applyCorrection(complaintId: string, seenCorrectionCount: number | undefined, fields: CorrectionFields, events: OutgoingEnvelope[]): Promise<boolean> {
    const current = this.stored.get(complaintId);
    if (!current || current.correctionCount !== seenCorrectionCount) return false;
    this.stored.set(complaintId, { ...current, ...fields });
    this.events.set(complaintId, [...(this.events.get(complaintId) ?? []), ...events]);
    return true;
  }
}
