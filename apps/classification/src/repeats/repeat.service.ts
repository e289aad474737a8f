import { Inject, Injectable } from '@nestjs/common';
import type { Channel } from '@pipeline/contracts';
import { DEFAULT_REPEAT_LINKER_OPTIONS, RepeatLinker, type RepeatCandidate, type RepeatLinkerOptions } from './repeat-linker';
import { candidateBlock, placeTokensOf, possibleRepeat, repeatExplanation, type PossibleRepeat } from './repeat-block.rules';
import { RepeatCandidateRepository, type CandidateFacts, type RepeatCandidateRecord } from './repeat-candidate.repository';
import { REPEAT_LINKER_OPTIONS } from './repeats.constants';

/** A classified complaint, as recorded for later ones to be compared with. */
export type NewCandidate = Omit<RepeatCandidate, 'repeatOf'> & { channel: Channel };

/** Whether a complaint repeats an earlier one: the first report of the incident, and why. */
export interface RepeatDecision {
  repeatOf: string | null;
  reasons: string[];
}

/** How many possible repeats the dry run shows. */
export const POSSIBLE_REPEATS_SHOWN = 5;

/**
 * How many of the newest complaints in the window join every linker, whatever
 * their category or place. The linker weighs text by TF-IDF over the
 * complaints it holds; over one block alone (a handful of texts about one
 * place) every n-gram weighs about the same, shared boilerplate counts as
 * much as the words that tell incidents apart, and true repeats score too
 * low. On the public set (labeled categories and places, fed in time order)
 * the block alone linked 63 of 72 repeat pairs; with the newest 10 added,
 * 67 of 72, the same as the CLI's linker over the whole stream; 100 leaves a
 * margin for a busier month. The linker never compares them unless they
 * share the block, so they change weights, not candidates.
 */
export const BACKGROUND_SIZE = 100;

/**
 * Repeats (重复件) across every complaint the service has classified, not
 * one process's memory: the candidates in a new complaint's block are loaded
 * from the store, a RepeatLinker is built over them for this one decision,
 * and the complaint is recorded for the ones after it.
 */
@Injectable()
export class RepeatService {
  readonly options: Readonly<RepeatLinkerOptions>;

  constructor(
    @Inject(REPEAT_LINKER_OPTIONS) options: Partial<RepeatLinkerOptions>,
    private readonly candidates: RepeatCandidateRepository,
  ) {
    this.options = Object.freeze({ ...DEFAULT_REPEAT_LINKER_OPTIONS, ...options });
  }

  /**
   * Links a complaint to the first report of its incident and records it,
   * once: when it was recorded before (a redelivery, a crash between this
   * write and the classification's), the decision then stored stands, and
   * so does any correction made since.
   */
  async linkAndRecord(c: NewCandidate): Promise<RepeatDecision> {
    const tokens = placeTokensOf(c.text, c.address);
    const { linker } = await this.linkerAround(c, tokens);
    const link = linker.findRepeatOf(c);
    const decision: RepeatDecision = { repeatOf: link?.repeatOf ?? null, reasons: repeatExplanation(link) };
    const inserted = await this.candidates.insertOnce({
      complaintId: c.id,
      channel: c.channel,
      text: c.text,
      address: c.address,
      location: c.location,
      category: c.category,
      reportedAt: c.reportedAt,
      hotspotAreaId: c.hotspotAreaId,
      communityId: c.communityId,
      placeTokens: tokens,
      repeatOf: decision.repeatOf,
      repeatReasons: decision.reasons,
      storedAt: new Date(),
    });
    if (inserted) return decision;
    const recorded = await this.candidates.findById(c.id);
    return recorded ? { repeatOf: recorded.repeatOf, reasons: recorded.repeatReasons } : decision;
  }

  /** The stored complaints a complaint being filed may repeat, best first, with the linker's score and reasons. Stores nothing. */
  async possibleRepeats(c: RepeatCandidate, limit = POSSIBLE_REPEATS_SHOWN): Promise<PossibleRepeat[]> {
    const { linker, stored } = await this.linkerAround(c, placeTokensOf(c.text, c.address));
    const byId = new Map(stored.map((s) => [s.complaintId, s]));
    return linker
      .rankCandidates(c)
      .slice(0, limit)
      .flatMap((match) => {
        const s = byId.get(match.id);
        return s ? [possibleRepeat(match, s)] : [];
      });
  }

  /** Replaces a complaint's category, place and link with a clerk's; false when it was never recorded. */
  correct(complaintId: string, facts: CandidateFacts, correctedAt: Date): Promise<boolean> {
    return this.candidates.setFacts(complaintId, facts, correctedAt);
  }

  /** The recorded complaints (text, address, location, channel), by id. */
  async recorded(complaintIds: readonly string[]): Promise<Map<string, RepeatCandidateRecord>> {
    const found = await this.candidates.findByIds([...new Set(complaintIds)]);
    return new Map(found.map((r) => [r.complaintId, r]));
  }

  /**
   * A linker holding the stored candidates of the complaint's block and the
   * newest complaints of its window (BACKGROUND_SIZE), in the order they were
   * reported: the order the linker takes them in.
   */
  private async linkerAround(c: RepeatCandidate, tokens: readonly string[]): Promise<{ linker: RepeatLinker; stored: RepeatCandidateRecord[] }> {
    const linker = new RepeatLinker(this.options);
    const block = candidateBlock(c, tokens, this.options);
    if (!block) return { linker, stored: [] };
    const [inBlock, newest] = await Promise.all([this.candidates.findInBlock(block), this.candidates.findNewest(block.from, block.to, BACKGROUND_SIZE)]);
    const byId = new Map([...inBlock, ...newest].map((s) => [s.complaintId, s]));
    const stored = [...byId.values()].sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime() || a.complaintId.localeCompare(b.complaintId));
    for (const s of stored) {
      linker.add({
        id: s.complaintId,
        text: s.text,
        category: s.category,
        reportedAt: s.reportedAt,
        hotspotAreaId: s.hotspotAreaId,
        communityId: s.communityId,
        location: s.location,
        address: s.address,
        // as decided (or corrected) when it was recorded: the linker follows it to the root
        repeatOf: s.repeatOf,
      });
    }
    return { linker, stored };
  }
}
