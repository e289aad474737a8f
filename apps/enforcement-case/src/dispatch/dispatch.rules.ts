import { community, hotspotArea } from '@pipeline/reference-data';
import { SQUADS, type Squad } from './squads.data';

/** Where a case is: what the classifier and the reference data know of its place. */
export interface AssignmentPlace {
  district?: string | null;
  subdistrict?: string | null;
  /** Fills in the subdistrict (and the district, when that is missing) from the area's reference data. */
  hotspotAreaId?: string | null;
}

export interface SquadSuggestion {
  squadId: string;
  name: string;
  district: string;
  /** Chinese, shown to the dispatcher: why this squad, and how loaded it is. */
  reasons: string[];
  openCases: number;
  capacity: number;
  /** openCases / capacity; above 1 the squad is over capacity. */
  loadRatio: number;
  coversSubdistrict: boolean;
}

export interface FieldProblem {
  field: string;
  messages: string[];
}

export type ReassignmentValidation = { ok: true } | { ok: false; errors: FieldProblem[] };

export const REASSIGNMENT_REASON_MIN = 2;
export const REASSIGNMENT_REASON_MAX = 200;

export function squadById(id: string, squads: readonly Squad[] = SQUADS): Squad | undefined {
  return squads.find((s) => s.id === id);
}

/**
 * Ranks the squads that could take a case. A known district gets only its
 * own squads: the ones covering the case's subdistrict first, then the
 * district's others, each group least loaded first (open cases over
 * capacity; ties go to more free places, then the id). A missing district is
 * taken from the hotspot area or from a subdistrict only one district has;
 * failing that, every squad is listed by load, and the reasons say why.
 * `loads` holds each squad's open cases; a squad missing from it has none.
 */
export function suggestSquads(place: AssignmentPlace, loads: ReadonlyMap<string, number>, squads: readonly Squad[] = SQUADS): SquadSuggestion[] {
  const resolved = resolvePlace(place, squads);
  const { district, subdistrict, notes } = resolved;
  const candidates = district ? squads.filter((s) => s.district === district) : squads;
  const anyCovers = district !== null && subdistrict !== null && candidates.some((s) => s.subdistricts.includes(subdistrict));

  if (district && subdistrict !== null && !anyCovers) notes.push(`${subdistrict}不在${district}各中队的辖区名录中`);

  const suggestions = candidates.map((s): SquadSuggestion => {
    const openCases = openCasesOf(s.id, loads);
    const loadRatio = openCases / s.capacity;
    const coversSubdistrict = district !== null && subdistrict !== null && s.subdistricts.includes(subdistrict);
    const reasons = [...notes];
    if (coversSubdistrict) reasons.push(`负责${subdistrict}`);
    else if (district && anyCovers) reasons.push(`属${district}，不负责${subdistrict}`);
    else reasons.push(`属${s.district}`);
    reasons.push(`在办案件${openCases}件，承载量${s.capacity}件，负荷${Math.round(loadRatio * 100)}%`);
    if (loadRatio >= 1) reasons.push('已达或超出承载量');
    return { squadId: s.id, name: s.name, district: s.district, reasons, openCases, capacity: s.capacity, loadRatio, coversSubdistrict };
  });

  return suggestions.sort(
    (a, b) =>
      Number(b.coversSubdistrict) - Number(a.coversSubdistrict) ||
      a.loadRatio - b.loadRatio ||
      b.capacity - b.openCases - (a.capacity - a.openCases) ||
      a.squadId.localeCompare(b.squadId),
  );
}

/** The suggestion for a case's place as the classifier names it: the subdistrict comes from its community. */
export function suggestSquadsForPlace(
  place: { district: string | null; communityId: string | null; hotspotAreaId: string | null },
  loads: ReadonlyMap<string, number>,
): SquadSuggestion[] {
  const subdistrict = place.communityId ? (community(place.communityId)?.subdistrict ?? undefined) : undefined;
  return suggestSquads({ district: place.district ?? undefined, subdistrict, hotspotAreaId: place.hotspotAreaId ?? undefined }, loads);
}

/**
 * Checks a request to move a case from one squad to another. The current
 * squad may be one a newer data version no longer lists: a case must be
 * movable away from it.
 */
export function validateReassignment(from: string, to: string, reason: string, squads: readonly Squad[] = SQUADS): ReassignmentValidation {
  const errors: FieldProblem[] = [];
  const add = (field: string, message: string): void => {
    const existing = errors.find((e) => e.field === field);
    if (existing) existing.messages.push(message);
    else errors.push({ field, messages: [message] });
  };
  if (typeof from !== 'string' || from.trim() === '') add('from', 'the case has no current squad; assign it instead');
  if (typeof to !== 'string' || to.trim() === '') add('to', 'must name the target squad');
  else if (!squadById(to, squads)) add('to', `unknown squad "${to}"`);
  else if (to === from) add('to', 'is already the current squad');
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length < REASSIGNMENT_REASON_MIN || text.length > REASSIGNMENT_REASON_MAX) {
    add('reason', `must be ${REASSIGNMENT_REASON_MIN}-${REASSIGNMENT_REASON_MAX} characters`);
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

function openCasesOf(squadId: string, loads: ReadonlyMap<string, number>): number {
  const n = loads.get(squadId) ?? 0;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`open cases of ${squadId} must be a non-negative integer, got ${n}`);
  return n;
}

/** The district and subdistrict to match on, with the notes that explain how they were found. */
function resolvePlace(place: AssignmentPlace, squads: readonly Squad[]): { district: string | null; subdistrict: string | null; notes: string[] } {
  const known = new Set(squads.map((s) => s.district));
  const notes: string[] = [];
  const area = place.hotspotAreaId ? hotspotArea(place.hotspotAreaId) : undefined;
  let district = place.district?.trim() || null;
  let subdistrict = place.subdistrict?.trim() || null;

  if (!district && area && known.has(area.district)) {
    district = area.district;
    notes.push(`区属依据热点区域${area.name}确定为${area.district}`);
  }
  if (!district && subdistrict) {
    // a street name shared by two districts decides nothing
    const owners = [...new Set(squads.filter((s) => s.subdistricts.includes(subdistrict as string)).map((s) => s.district))];
    if (owners.length === 1) {
      district = owners[0] as string;
      notes.push(`区属依据${subdistrict}确定为${district}`);
    }
  }
  if (district && !known.has(district)) {
    notes.push(`区属“${district}”不在中队名录中，按全市各中队负荷排序`);
    return { district: null, subdistrict, notes };
  }
  if (!district) {
    notes.push('区属不明，按全市各中队负荷排序');
    return { district: null, subdistrict, notes };
  }
  // an area in another district says nothing about this case's street
  if (!subdistrict && area && area.district === district) subdistrict = area.subdistrict;
  return { district, subdistrict, notes };
}
