import { Global, Module } from '@nestjs/common';
import { PROCESSED_EVENT_STORE } from '@pipeline/kafka';
import { OutboxRelay } from './outbox';
import { MongoProcessedEventStore, ProcessedEventPruning } from './processed-events';

/** The store side of eventing: the outbox relay and the consumer's processed-event log (pruned on a schedule). */
@Global()
@Module({
  providers: [OutboxRelay, MongoProcessedEventStore, ProcessedEventPruning, { provide: PROCESSED_EVENT_STORE, useExisting: MongoProcessedEventStore }],
  exports: [OutboxRelay, MongoProcessedEventStore, PROCESSED_EVENT_STORE],
})
export class MongoEventingModule {}
