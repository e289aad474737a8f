import type { CategoryCode } from '@pipeline/contracts';
import { RepeatLinker, type RepeatLinkerOptions } from '../../repeats/repeat-linker';
import type { Classification } from '../complaint-classifier';

/** A complaint in the shape of complaints.public.jsonl; labels, if any, are not read here. */
export interface BatchComplaint {
  id: string;
  reportedAt: string;
  text: string;
  address: string | null;
  location: { lat: number; lng: number } | null;
}

/** One output line of `classify`: the stable CLI contract. */
export interface BatchRow {
  id: string;
  category: CategoryCode;
  enforceable: boolean;
  urgent: boolean;
  hotspotAreaId: string | null;
  communityId: string | null;
  repeatOf: string | null;
  /** The category confidence. */
  confidence: number;
}

export interface BatchResult {
  rows: BatchRow[];
  results: Classification[];
}

/**
 * Classifies a file of complaints and links repeats: every complaint is
 * classified, then the complaints are offered to the repeat linker in
 * reportedAt order (input order on equal times), each compared with the
 * earlier ones before being added. Rows come back in input order.
 * `classify` gets the input index too, so cross-validation can answer each
 * complaint with the model of its fold.
 */
export function classifyBatch(
  complaints: readonly BatchComplaint[],
  classify: (complaint: BatchComplaint, index: number) => Classification,
  linkerOptions: Partial<RepeatLinkerOptions> = {},
): BatchResult {
  const results = complaints.map((c, i) => classify(c, i));
  const times = complaints.map((c, i) => {
    const t = Date.parse(c.reportedAt);
    if (!Number.isFinite(t)) throw new Error(`complaint ${c.id} (line ${i + 1}): reportedAt ${JSON.stringify(c.reportedAt)} is not a date`);
    return t;
  });
  const order = complaints.map((_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
  const repeatOf = new Array<string | null>(complaints.length).fill(null);
  const linker = new RepeatLinker(linkerOptions);
  for (const i of order) {
    const c = complaints[i];
    const r = results[i];
    const candidate = {
      id: c.id,
      text: c.text,
      category: r.category,
      reportedAt: new Date(times[i]),
      hotspotAreaId: r.hotspotAreaId,
      communityId: r.communityId,
      location: c.location,
      address: c.address,
    };
    repeatOf[i] = linker.findRepeatOf(candidate)?.repeatOf ?? null;
    linker.add(candidate);
  }
  const rows = complaints.map((c, i) => ({
    id: c.id,
    category: results[i].category,
    enforceable: results[i].enforceable,
    urgent: results[i].urgent,
    hotspotAreaId: results[i].hotspotAreaId,
    communityId: results[i].communityId,
    repeatOf: repeatOf[i],
    confidence: results[i].confidence.category,
  }));
  return { rows, results };
}

/**
 * Reads JSON lines in the shape of complaints.public.jsonl. Blank lines are
 * skipped; a line that is not a complaint is an error naming the line.
 */
export function parseComplaintLines<T extends BatchComplaint = BatchComplaint>(content: string): T[] {
  const out: T[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not JSON`);
    }
    const c = value as Partial<BatchComplaint>;
    if (!c || typeof c.id !== 'string' || typeof c.text !== 'string' || typeof c.reportedAt !== 'string') {
      throw new Error(`line ${i + 1}: a complaint needs string id, text and reportedAt`);
    }
    out.push({ ...(value as T), address: c.address ?? null, location: c.location ?? null });
  });
  return out;
}
