import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CaseModule } from '../case/case.module';
import { ComplaintRecordsModule } from '../complaint-records/complaint-records.module';
import { CaseGauges } from './case-gauges';
import { MetricDay, MetricDaySchema } from './metric-day.schema';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

// The metric reads the complaint records triage writes, and the day marks
// each write sets, through the complaint-records repository; it keeps only
// its own day cells. CaseGauges puts the metric and the overdue count into
// Prometheus (/metrics).
@Module({
  imports: [MongooseModule.forFeature([{ name: MetricDay.name, schema: MetricDaySchema }]), ComplaintRecordsModule, CaseModule],
  controllers: [MetricsController],
  providers: [MetricsService, MetricsRepository, CaseGauges],
})
export class MetricsModule {}
