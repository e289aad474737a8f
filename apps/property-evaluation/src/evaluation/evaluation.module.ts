import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ComplaintFactsModule } from '../complaint-facts/complaint-facts.module';
import { PeriodModule } from '../period/period.module';
import { RegistryModule } from '../registry/registry.module';
import { SchemeModule } from '../scheme/scheme.module';
import { SubmissionModule } from '../submission/submission.module';
import { SurveyModule } from '../survey/survey.module';
import { EvaluationInputsController } from './evaluation-inputs.controller';
import { EvaluationService } from './evaluation.service';
import { StoredResult, StoredResultSchema } from './result.schema';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';

/** The evaluation proper: it puts the parties' inputs together into results and serves the review views. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: StoredResult.name, schema: StoredResultSchema }]),
    SchemeModule, RegistryModule, PeriodModule, SubmissionModule, SurveyModule, ComplaintFactsModule,
  ],
  controllers: [EvaluationInputsController, ReviewController],
  providers: [EvaluationService, ReviewService],
})
export class EvaluationModule {}
