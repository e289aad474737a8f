import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CaseModule } from '../case/case.module';
import { DispatchModule } from '../dispatch/dispatch.module';
import { MetricDayMark, MetricDayMarkSchema } from '../metrics/metric-day.schema';
import { MetricDayMarks } from '../metrics/metric-day-marks';
import { ComplaintRecordRepository } from './complaint-record.repository';
import { ComplaintRecord, ComplaintRecordSchema } from './complaint-record.schema';
import { ConversionConsumer } from './conversion.consumer';
import { CandidateService } from './candidates/candidate.service';
import { CandidatesController } from './candidates/candidates.controller';
import { ConversionService } from './conversion.service';
import { RuleSetController } from './rule-set/rule-set.controller';
import { RuleSetRepository } from './rule-set/rule-set.repository';
import { ConversionSettings, ConversionSettingsSchema, StoredRuleSet, StoredRuleSetSchema } from './rule-set/rule-set.schema';
import { RuleSetService } from './rule-set/rule-set.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ComplaintRecord.name, schema: ComplaintRecordSchema },
      { name: StoredRuleSet.name, schema: StoredRuleSetSchema },
      { name: ConversionSettings.name, schema: ConversionSettingsSchema },
      { name: MetricDayMark.name, schema: MetricDayMarkSchema },
    ]),
    CaseModule,
    DispatchModule,
  ],
  controllers: [ConversionConsumer, RuleSetController, CandidatesController],
  providers: [ConversionService, CandidateService, ComplaintRecordRepository, MetricDayMarks, RuleSetRepository, RuleSetService],
  exports: [ComplaintRecordRepository],
})
export class ConversionModule {}
