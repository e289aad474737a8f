import { referenceData } from '@pipeline/reference-data';

/**
 * The complaint-to-case metric recounted from the case service's stored
 * complaint records, written from ADR 0009's definition and not from the
 * service's code: unit issue (a first report and its repeats count once, in
 * the period and area of the first report), scope hotspot (the 30 areas),
 * in remit only; the numerator is the issues linked to a case that counts
 * (filed: 立案 by the cutoff and not void; opened: any case decided by the
 * cutoff), simple-procedure decisions never counting.
 */
export interface StoredComplaintRecord {
  _id: string;
  hotspotAreaId: string | null;
  repeatOf: string | null;
  incidentId?: string | null;
  receivedAt: Date;
  inScope: boolean;
  caseId: string | null;
  caseFiledAt?: Date | null;
  caseFilingVoid?: boolean;
  simpleProcedure?: boolean;
  decidedAt?: Date | null;
}

export type Numerator = 'filed' | 'opened';

export interface AreaCount {
  complaints: number;
  converted: number;
  cases: number;
}

export interface Recount {
  areas: Map<string, AreaCount>;
  totals: AreaCount;
}

const SHANGHAI_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Asia/Shanghai date `YYYY-MM-DD` of an instant. */
export function shanghaiDate(instant: number): string {
  return new Date(instant + SHANGHAI_MS).toISOString().slice(0, 10);
}

/** When an Asia/Shanghai date begins. */
function startOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - SHANGHAI_MS;
}

export function recountComplaintToCase(records: StoredComplaintRecord[], q: { from: string; to: string; cutoff: Date; numerator: Numerator }): Recount {
  const start = startOf(q.from);
  const end = startOf(q.to) + DAY_MS;
  const cutoff = q.cutoff.getTime();
  const hotspots = referenceData().hotspotAreas.map((a) => a.id);

  const incidents = new Map<string, StoredComplaintRecord[]>();
  for (const r of records) {
    const incident = r.incidentId ?? r.repeatOf ?? r._id;
    incidents.set(incident, [...(incidents.get(incident) ?? []), r]);
  }
  const counting = (r: StoredComplaintRecord): string | null => {
    if (!r.caseId || r.simpleProcedure) return null;
    if (q.numerator === 'opened') return !r.decidedAt || r.decidedAt.getTime() <= cutoff ? r.caseId : null;
    return r.caseFiledAt && r.caseFiledAt.getTime() <= cutoff && !r.caseFilingVoid ? r.caseId : null;
  };

  const areas = new Map(hotspots.map((id) => [id, { complaints: 0, converted: 0, cases: new Set<string>() }]));
  const allCases = new Set<string>();
  for (const [incident, members] of incidents) {
    const byReceipt = [...members].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a._id.localeCompare(b._id));
    const first = members.find((m) => m._id === incident) ?? byReceipt[0];
    const at = first.receivedAt.getTime();
    if (at < start || at >= end || !first.inScope || !first.hotspotAreaId) continue;
    const area = areas.get(first.hotspotAreaId);
    if (!area) continue;
    area.complaints += 1;
    const cases = members.map(counting).filter((c): c is string => c !== null);
    if (cases.length) area.converted += 1;
    for (const c of cases) {
      area.cases.add(c);
      allCases.add(c);
    }
  }
  const result = new Map([...areas].map(([id, a]) => [id, { complaints: a.complaints, converted: a.converted, cases: a.cases.size }]));
  const sum = (k: 'complaints' | 'converted') => [...result.values()].reduce((n, a) => n + a[k], 0);
  return { areas: result, totals: { complaints: sum('complaints'), converted: sum('converted'), cases: allCases.size } };
}
