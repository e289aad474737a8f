import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CaseModule } from '../case/case.module';
import { ComplaintRecordsModule } from '../complaint-records/complaint-records.module';
import { CandidateService } from './candidates/candidate.service';
import { CandidatesController } from './candidates/candidates.controller';
import { RuleSetController } from './rule-set/rule-set.controller';
import { RuleSetRepository } from './rule-set/rule-set.repository';
import { ConversionSettings, ConversionSettingsSchema, StoredRuleSet, StoredRuleSetSchema } from './rule-set/rule-set.schema';
import { RuleSetService } from './rule-set/rule-set.service';
import { TriageConsumer } from './triage.consumer';
import { TriageService } from './triage.service';

/**
 * 诉转案 triage: decides what each classified complaint becomes, keeps its
 * record, and asks the case service to open or attach a case.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: StoredRuleSet.name, schema: StoredRuleSetSchema },
      { name: ConversionSettings.name, schema: ConversionSettingsSchema },
    ]),
    ComplaintRecordsModule,
    CaseModule,
  ],
  controllers: [TriageConsumer, RuleSetController, CandidatesController],
  providers: [TriageService, CandidateService, RuleSetRepository, RuleSetService],
})
export class TriageModule {}
