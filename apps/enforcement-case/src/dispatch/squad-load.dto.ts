// A squad's current load as /api/v1/squads answers it (the class is the type, so the API document shows it).

export class SquadLoadDto {
  squadId!: string;
  name!: string;
  district!: string;
  capacity!: number;
  open!: number;
  /** Open cases with a deadline the bureau has missed. */
  overdue!: number;
  closed!: number;
}

export class SquadListDto {
  /** The version of the squad list (squads.data.ts). */
  version!: string;
  items!: SquadLoadDto[];
}
