import { Injectable } from '@nestjs/common';
import { SquadCases } from './squad-cases';
import type { SquadLoadDto } from './squad-load.dto';
import { SQUADS } from './squads.data';

/** Squads' current loads. */
@Injectable()
export class SquadLoadService {
  constructor(private readonly cases: SquadCases) {}

  async loads(withOverdue = false): Promise<SquadLoadDto[]> {
    const counts = await this.cases.countBySquad(withOverdue);
    return SQUADS.map((s) => {
      const mine = counts.find((c) => c.squadId === s.id);
      return { squadId: s.id, name: s.name, district: s.district, capacity: s.capacity, open: mine?.open ?? 0, overdue: mine?.overdue ?? 0, closed: mine?.ended ?? 0 };
    });
  }
}
