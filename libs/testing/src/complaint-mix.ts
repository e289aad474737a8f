import { readPublicComplaints, type PublicComplaint } from '@pipeline/reference-data';

/** What an operator console files for one complaint. */
export interface ComplaintBody {
  text: string;
  channel: 'hotline';
  location?: { lat: number; lng: number };
}

// Variations that keep what a ticket says but make each filing a new text, as callers phrase things differently.
const OPENINGS = ['', '市民来电反映：', '热线来电：', '来电人称，', '群众反映：', '有市民再次反映，'];
const CLOSINGS = ['', '请尽快处理。', '希望有关部门尽快核查。', '已经持续好几天了。', '请相关部门管一管。', '附近居民意见很大。'];

/** A small seeded random generator (mulberry32): the same seed gives the same sequence every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The labeled ticket mix the fault suite and the benchmark file: the 600
 * public tickets in a fixed shuffled order, each filing given an opening or
 * closing sentence so no two filings are the same text.
 */
export class ComplaintMix {
  private readonly tickets: PublicComplaint[];

  constructor(seed = 20_241_125) {
    const random = mulberry32(seed);
    this.tickets = readPublicComplaints()
      .map((t) => ({ t, r: random() }))
      .sort((a, b) => a.r - b.r)
      .map(({ t }) => t);
  }

  /** The body filed as the seq-th complaint. */
  body(seq: number): ComplaintBody {
    const ticket = this.tickets[seq % this.tickets.length];
    const round = Math.floor(seq / this.tickets.length);
    const opening = OPENINGS[(seq + round) % OPENINGS.length];
    const closing = CLOSINGS[(seq * 7 + round) % CLOSINGS.length];
    const text = `${opening}${ticket.text}${closing}`.slice(0, 2_000);
    return { text, channel: 'hotline', ...(ticket.location ? { location: ticket.location } : {}) };
  }
}
