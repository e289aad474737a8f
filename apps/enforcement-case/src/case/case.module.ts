import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { CaseSchema, EnforcementCase } from './case.schema';
import { CaseService } from './case.service';
import { CaseSquadCounts } from './case-squad-counts';
import { DeadlineWatchService } from './deadlines/deadline-watch.service';

/** The cases: opened and attached to by triage (CaseService.open, attach), worked through the procedure here. */
@Module({
  imports: [MongooseModule.forFeature([{ name: EnforcementCase.name, schema: CaseSchema }])],
  controllers: [CaseController],
  providers: [CaseService, CaseRepository, CaseSquadCounts, DeadlineWatchService],
  exports: [CaseService, CaseSquadCounts],
})
export class CaseModule {}
