import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CaseModule } from '../case/case.module';
import { ComplaintRecord, ComplaintRecordSchema } from '../conversion/complaint-record.schema';
import { CaseGauges } from './case-gauges';
import { MetricDay, MetricDayMark, MetricDayMarkSchema, MetricDaySchema } from './metric-day.schema';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

// The metric reads the complaint records conversion writes, and the day marks
// conversion sets after each write; the same models are registered here (Nest
// reuses the connection's models) so that only MetricsRepository queries them
// on the metric's behalf. CaseGauges puts the
// metric and the overdue count into Prometheus (/metrics).
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ComplaintRecord.name, schema: ComplaintRecordSchema },
      { name: MetricDay.name, schema: MetricDaySchema },
      { name: MetricDayMark.name, schema: MetricDayMarkSchema },
    ]),
    CaseModule,
  ],
  controllers: [MetricsController],
  providers: [MetricsService, MetricsRepository, CaseGauges],
})
export class MetricsModule {}
