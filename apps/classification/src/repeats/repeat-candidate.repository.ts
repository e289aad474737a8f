import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { isDuplicateKeyError } from '@pipeline/mongo';
import type { CandidateBlock } from './repeat-block.rules';
import { StoredRepeatCandidate } from './repeat-candidate.schema';

/** A stored candidate as the rest of the service sees it: keyed by complaint id. */
export type RepeatCandidateRecord = Omit<StoredRepeatCandidate, '_id'> & { complaintId: string };

/** What a correction changes in a candidate. */
export type CandidateFacts = Pick<RepeatCandidateRecord, 'category' | 'hotspotAreaId' | 'communityId' | 'repeatOf'>;

/**
 * How many candidates one block query loads at most, newest first. A month of
 * one category at one place is far fewer in this city; the cap only bounds
 * the memory a pathological block could take.
 */
export const MAX_BLOCK_SIZE = 2000;

function toRecord(doc: StoredRepeatCandidate): RepeatCandidateRecord {
  const { _id, ...rest } = doc;
  return { complaintId: _id, ...rest };
}

function blockQuery(block: CandidateBlock): FilterQuery<StoredRepeatCandidate> {
  const places: FilterQuery<StoredRepeatCandidate>[] = [];
  if (block.communityId) places.push({ communityId: block.communityId });
  if (block.hotspotAreaId) places.push({ hotspotAreaId: block.hotspotAreaId });
  if (block.box) {
    places.push({ 'location.lat': { $gte: block.box.minLat, $lte: block.box.maxLat }, 'location.lng': { $gte: block.box.minLng, $lte: block.box.maxLng } });
  }
  if (block.placeTokens.length) places.push({ placeTokens: { $in: block.placeTokens } });
  return { category: { $in: block.categories }, reportedAt: { $gte: block.from, $lte: block.to }, $or: places };
}

/** The only code that touches the repeat_candidates collection; returns plain objects. */
@Injectable()
export class RepeatCandidateRepository {
  constructor(@InjectModel(StoredRepeatCandidate.name) private readonly model: Model<StoredRepeatCandidate>) {}

  /** Stores a candidate; false (and nothing written) when the complaint has one already. */
  async insertOnce(record: RepeatCandidateRecord): Promise<boolean> {
    const { complaintId, ...rest } = record;
    try {
      await this.model.create({ _id: complaintId, ...rest });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  async findById(complaintId: string): Promise<RepeatCandidateRecord | null> {
    const doc = await this.model.findById(complaintId).lean<StoredRepeatCandidate>();
    return doc && toRecord(doc);
  }

  async findByIds(complaintIds: readonly string[]): Promise<RepeatCandidateRecord[]> {
    if (!complaintIds.length) return [];
    const docs = await this.model.find({ _id: { $in: complaintIds } }).lean<StoredRepeatCandidate[]>();
    return docs.map(toRecord);
  }

  /** The candidates in a block, oldest first (the order the linker takes them in), at most MAX_BLOCK_SIZE of the newest. */
  async findInBlock(block: CandidateBlock, limit = MAX_BLOCK_SIZE): Promise<RepeatCandidateRecord[]> {
    const docs = await this.model.find(blockQuery(block)).sort({ reportedAt: -1, _id: -1 }).limit(limit).lean<StoredRepeatCandidate[]>();
    return docs.reverse().map(toRecord);
  }

  /** The newest candidates reported in [from, to], whatever their category or place, oldest first. */
  async findNewest(from: Date, to: Date, limit: number): Promise<RepeatCandidateRecord[]> {
    const docs = await this.model.find({ reportedAt: { $gte: from, $lte: to } }).sort({ reportedAt: -1, _id: -1 }).limit(limit).lean<StoredRepeatCandidate[]>();
    return docs.reverse().map(toRecord);
  }

  /**
   * Sets the corrected facts. A plain $set of fields only corrections write:
   * the caller holds the complaint's lock (FerretDB updates are unlocked
   * read-modify-write). False when the complaint has no candidate.
   */
  async setFacts(complaintId: string, facts: CandidateFacts, correctedAt: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: complaintId }, { $set: { ...facts, correctedAt } });
    return result.matchedCount > 0;
  }
}
