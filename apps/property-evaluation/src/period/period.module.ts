import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SchemeModule } from '../scheme/scheme.module';
import { PeriodController } from './period.controller';
import { EvaluationPeriod, EvaluationPeriodSchema } from './period.schema';
import { PeriodService } from './period.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: EvaluationPeriod.name, schema: EvaluationPeriodSchema }]), SchemeModule],
  controllers: [PeriodController],
  providers: [PeriodService],
  exports: [PeriodService],
})
export class PeriodModule {}
