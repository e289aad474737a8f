import { isEndedState } from './procedure/case-states';

/** Cases per squad and state, as the repository groups them. */
export interface SquadStateCount {
  squadId: string | null;
  state: string;
  cases: number;
}

/** Cases per squad and state folded into open and ended, by the one list of ended states. */
export function foldBySquad(rows: readonly SquadStateCount[]): Map<string | null, { open: number; ended: number }> {
  const bySquad = new Map<string | null, { open: number; ended: number }>();
  for (const row of rows) {
    const counts = bySquad.get(row.squadId) ?? { open: 0, ended: 0 };
    if (isEndedState(row.state)) counts.ended += row.cases;
    else counts.open += row.cases;
    bySquad.set(row.squadId, counts);
  }
  return bySquad;
}

/** Each squad's open cases, as the squad suggestion weighs them. */
export function openBySquad(rows: readonly SquadStateCount[]): Map<string, number> {
  return new Map([...foldBySquad(rows)].flatMap(([squadId, c]) => (squadId ? [[squadId, c.open] as [string, number]] : [])));
}
