import type { CandidateBlock } from './repeat-block.rules';
import type { CandidateFacts, RepeatCandidateRecord, RepeatCandidateRepository } from './repeat-candidate.repository';

type Contract = Pick<RepeatCandidateRepository, keyof RepeatCandidateRepository>;

/** RepeatCandidateRepository's contract in memory, for unit specs (the store's own behaviour is pinned by the int-specs). */
export class InMemoryRepeatCandidates implements Contract {
  readonly stored = new Map<string, RepeatCandidateRecord>();

  async insertOnce(record: RepeatCandidateRecord): Promise<boolean> {
    if (this.stored.has(record.complaintId)) return false;
    this.stored.set(record.complaintId, { ...record });
    return true;
  }

  async findById(complaintId: string): Promise<RepeatCandidateRecord | null> {
    return this.stored.get(complaintId) ?? null;
  }

  async findByIds(complaintIds: readonly string[]): Promise<RepeatCandidateRecord[]> {
    return complaintIds.flatMap((id) => this.stored.get(id) ?? []);
  }

  async findInBlock(block: CandidateBlock): Promise<RepeatCandidateRecord[]> {
    const inPlace = (r: RepeatCandidateRecord) =>
      (block.communityId !== null && r.communityId === block.communityId) ||
      (block.hotspotAreaId !== null && r.hotspotAreaId === block.hotspotAreaId) ||
      (block.box !== null &&
        r.location !== null &&
        r.location.lat >= block.box.minLat &&
        r.location.lat <= block.box.maxLat &&
        r.location.lng >= block.box.minLng &&
        r.location.lng <= block.box.maxLng) ||
      r.placeTokens.some((t) => block.placeTokens.includes(t));
    return [...this.stored.values()]
      .filter((r) => block.categories.includes(r.category) && r.reportedAt >= block.from && r.reportedAt <= block.to && inPlace(r))
      .sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime() || a.complaintId.localeCompare(b.complaintId));
  }

  async findNewest(from: Date, to: Date, limit: number): Promise<RepeatCandidateRecord[]> {
    return [...this.stored.values()]
      .filter((r) => r.reportedAt >= from && r.reportedAt <= to)
      .sort((a, b) => b.reportedAt.getTime() - a.reportedAt.getTime() || b.complaintId.localeCompare(a.complaintId))
      .slice(0, limit)
      .reverse();
  }

  async setFacts(complaintId: string, facts: CandidateFacts, correctedAt: Date): Promise<boolean> {
    const r = this.stored.get(complaintId);
    if (!r) return false;
    this.stored.set(complaintId, { ...r, ...facts, correctedAt });
    return true;
  }
}
