import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarController } from '../calendar/calendar.controller';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { CaseSchema, EnforcementCase } from './case.schema';
import { CaseService } from './case.service';
import { DeadlineWatchService } from './deadlines/deadline-watch.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: EnforcementCase.name, schema: CaseSchema }])],
  controllers: [CaseController, CalendarController],
  providers: [CaseService, CaseRepository, DeadlineWatchService],
  exports: [CaseRepository, CaseService],
})
export class CaseModule {}
