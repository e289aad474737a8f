import { Global, Module } from '@nestjs/common';
import { PROCESSED_EVENT_STORE } from '@pipeline/kafka';
import { OutboxRelay } from './outbox';
import { MongoProcessedEventStore } from './processed-events';

/** The store side of eventing: the outbox relay and the consumer's processed-event log. */
@Global()
@Module({
  providers: [OutboxRelay, MongoProcessedEventStore, { provide: PROCESSED_EVENT_STORE, useExisting: MongoProcessedEventStore }],
  exports: [OutboxRelay, MongoProcessedEventStore, PROCESSED_EVENT_STORE],
})
export class MongoEventingModule {}
