import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CaseModule } from '../case/case.module';
import { ComplaintRecordRepository } from './complaint-record.repository';
import { ComplaintRecord, ComplaintRecordSchema } from './complaint-record.schema';
import { ConversionConsumer } from './conversion.consumer';
import { ConversionService } from './conversion.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: ComplaintRecord.name, schema: ComplaintRecordSchema }]), CaseModule],
  controllers: [ConversionConsumer],
  providers: [ConversionService, ComplaintRecordRepository],
  exports: [ComplaintRecordRepository],
})
export class ConversionModule {}
