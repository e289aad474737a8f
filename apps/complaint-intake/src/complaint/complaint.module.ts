import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CallerAccessPolicy } from '../caller/caller-access.policy';
import { CallerVault } from '../caller/caller-vault';
import { IdempotencyRepository } from '../idempotency/idempotency.repository';
import { IdempotencyKey, IdempotencyKeySchema } from '../idempotency/idempotency.schema';
import { TimelineRepository } from '../timeline/timeline.repository';
import { TimelineEntry, TimelineEntrySchema } from '../timeline/timeline.schema';
import { ComplaintEventsConsumer } from './complaint-events.consumer';
import { ComplaintProgressService } from './complaint-progress.service';
import { ComplaintController } from './complaint.controller';
import { ComplaintRepository } from './complaint.repository';
import { Complaint, ComplaintSchema } from './complaint.schema';
import { ComplaintService } from './complaint.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Complaint.name, schema: ComplaintSchema },
      { name: TimelineEntry.name, schema: TimelineEntrySchema },
      { name: IdempotencyKey.name, schema: IdempotencyKeySchema },
    ]),
  ],
  controllers: [ComplaintController, ComplaintEventsConsumer],
  providers: [ComplaintService, ComplaintProgressService, ComplaintRepository, TimelineRepository, IdempotencyRepository, CallerVault, CallerAccessPolicy],
  // Open311 stores callers through the same vault
  exports: [ComplaintService, CallerVault],
})
export class ComplaintModule {}
