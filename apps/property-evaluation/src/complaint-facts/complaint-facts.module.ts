import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ComplaintFactsConsumer } from './complaint-facts.consumer';
import { ComplaintFactsRepository } from './complaint-facts.repository';
import { ComplaintFactsService } from './complaint-facts.service';
import { ComplaintProgress, ComplaintProgressSchema } from './complaint-progress.schema';
import { ComplaintRecord, ComplaintRecordSchema } from './complaint-record.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ComplaintRecord.name, schema: ComplaintRecordSchema },
      { name: ComplaintProgress.name, schema: ComplaintProgressSchema },
    ]),
  ],
  controllers: [ComplaintFactsConsumer],
  providers: [ComplaintFactsService, ComplaintFactsRepository],
  exports: [ComplaintFactsService],
})
export class ComplaintFactsModule {}
