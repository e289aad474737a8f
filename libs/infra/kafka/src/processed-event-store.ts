/**
 * Remembers which events a consumer group has processed, so a redelivered
 * event (after a crash, a rebalance or an offset reset) is skipped. The
 * mongo lib implements it with a unique index; handlers stay idempotent on
 * their own keys too, since marking happens after the handler succeeded.
 */
export interface ProcessedEventStore {
  filterProcessed(consumer: string, eventIds: string[]): Promise<Set<string>>;
  markProcessed(consumer: string, eventId: string, topic: string): Promise<void>;
}

export const PROCESSED_EVENT_STORE = Symbol('PROCESSED_EVENT_STORE');
