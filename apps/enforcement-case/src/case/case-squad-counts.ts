import { Injectable } from '@nestjs/common';
import { SquadCases, type SquadCaseCount } from '../dispatch/squad-cases';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';
import { foldBySquad } from './case-counts.rules';

/** The squads' case counts dispatch reads (SquadCases), from the case repository and the overdue list. */
@Injectable()
export class CaseSquadCounts extends SquadCases {
  constructor(
    private readonly cases: CaseRepository,
    private readonly service: CaseService,
  ) {
    super();
  }

  async countBySquad(withOverdue: boolean): Promise<SquadCaseCount[]> {
    const folded = foldBySquad(await this.cases.countBySquadAndState());
    const overdue = withOverdue ? (await this.service.overdue()).items : [];
    return [...folded].map(([squadId, c]) => ({ squadId, ...c, overdue: overdue.filter((o) => o.squadId === squadId).length }));
  }
}
