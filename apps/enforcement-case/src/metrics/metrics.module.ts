import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ComplaintRecord, ComplaintRecordSchema } from '../conversion/complaint-record.schema';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

// The metric reads the complaint records conversion writes; the same model is
// registered here (Nest reuses the connection's model) so that only
// MetricsRepository queries them on the metric's behalf.
@Module({
  imports: [MongooseModule.forFeature([{ name: ComplaintRecord.name, schema: ComplaintRecordSchema }])],
  controllers: [MetricsController],
  providers: [MetricsService, MetricsRepository],
})
export class MetricsModule {}
