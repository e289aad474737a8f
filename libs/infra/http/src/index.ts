export * from './domain-error';
export * from './error-body';
export * from './error.filter';
export * from './correlation';
export * from './validation';
export * from './health.controller';
export * from './health.module';
export * from './bootstrap';
