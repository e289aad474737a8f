import { Injectable } from '@nestjs/common';
import { community } from '@pipeline/reference-data';
import { CaseRepository } from '../case/case.repository';
import { CaseService } from '../case/case.service';
import { suggestSquads, type SquadSuggestion } from './dispatch.rules';
import { SQUADS } from './squads.data';

/** States after which a case no longer weighs on its squad. */
const FINISHED_STATES = new Set(['CLOSED', 'ARCHIVED', 'NOT_FILED', 'TRANSFERRED']);

export interface SquadLoad {
  squadId: string;
  name: string;
  district: string;
  capacity: number;
  open: number;
  /** Open cases with a deadline the bureau has missed. */
  overdue: number;
  closed: number;
}

/** Squads' current loads and the squad to suggest for a place. */
@Injectable()
export class SquadLoadService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly caseService: CaseService,
  ) {}

  async loads(withOverdue = false): Promise<SquadLoad[]> {
    const counts = await this.cases.countBySquadAndState();
    const overdue = withOverdue ? (await this.caseService.overdue()).items : [];
    return SQUADS.map((s) => {
      const mine = counts.filter((c) => c.squadId === s.id);
      const closed = mine.filter((c) => FINISHED_STATES.has(c.state)).reduce((n, c) => n + c.cases, 0);
      const all = mine.reduce((n, c) => n + c.cases, 0);
      return { squadId: s.id, name: s.name, district: s.district, capacity: s.capacity, open: all - closed, overdue: overdue.filter((o) => o.squadId === s.id).length, closed };
    });
  }

  async suggest(place: { district: string | null; communityId: string | null; hotspotAreaId: string | null }): Promise<SquadSuggestion[]> {
    const open = new Map((await this.loads()).map((l) => [l.squadId, l.open]));
    const subdistrict = place.communityId ? (community(place.communityId)?.subdistrict ?? undefined) : undefined;
    return suggestSquads({ district: place.district ?? undefined, subdistrict, hotspotAreaId: place.hotspotAreaId ?? undefined }, open);
  }
}
