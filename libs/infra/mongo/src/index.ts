export * from './mongo.module';
export * from './eventing.module';
export * from './outbox';
export * from './processed-events';
export * from './keyed-mutex';
export * from './errors';
export * from './store-watchdog';
export * from './change-capture';
