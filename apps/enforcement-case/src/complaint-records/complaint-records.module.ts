import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ComplaintRecordRepository } from './complaint-record.repository';
import { ComplaintRecord, ComplaintRecordSchema } from './complaint-record.schema';
import { MetricDayMark, MetricDayMarkSchema } from './metric-day-mark.schema';
import { MetricDayMarks } from './metric-day-marks';

/**
 * The only owner of `complaint_records`: triage writes them and the metric
 * reads them, both through ComplaintRecordRepository. Each write marks the
 * metric days it may change (`metric_day_marks`, ADR 0019) after it lands.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ComplaintRecord.name, schema: ComplaintRecordSchema },
      { name: MetricDayMark.name, schema: MetricDayMarkSchema },
    ]),
  ],
  providers: [ComplaintRecordRepository, MetricDayMarks],
  exports: [ComplaintRecordRepository],
})
export class ComplaintRecordsModule {}
