import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SurveyResponse, SurveyResponseSchema } from './survey.schema';
import { SurveyService } from './survey.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: SurveyResponse.name, schema: SurveyResponseSchema }])],
  providers: [SurveyService],
  exports: [SurveyService],
})
export class SurveyModule {}
