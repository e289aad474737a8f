/** One squad's cases as the case service counts them. */
export interface SquadCaseCount {
  squadId: string | null;
  open: number;
  ended: number;
  /** Open cases with a deadline the bureau has missed (0 unless asked for). */
  overdue: number;
}

/**
 * What dispatch reads of the cases, and all it reads. The case module
 * provides it over its repository (CaseSquadCounts), so that dispatch needs
 * nothing of case/ while case/ uses dispatch's squad rules.
 */
export abstract class SquadCases {
  abstract countBySquad(withOverdue: boolean): Promise<SquadCaseCount[]>;
}
