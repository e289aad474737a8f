import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { SquadCases } from './squad-cases';
import { SquadLoadService } from './squad-load.service';
import { SquadsController } from './squads.controller';

/**
 * The squads and their loads. Dispatch reads cases only through SquadCases,
 * which the module owning the cases provides: the app wires the two, so the
 * case service can use the squad rules without a circle back.
 */
@Module({})
export class DispatchModule {
  static readingCases(casesModule: Type, counts: Type<SquadCases>): DynamicModule {
    return {
      module: DispatchModule,
      imports: [casesModule],
      controllers: [SquadsController],
      providers: [SquadLoadService, { provide: SquadCases, useExisting: counts }],
    };
  }
}
