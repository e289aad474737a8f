export * from './tracing';
export * from './trace-context';
export * from './http-spans';
export * from './messaging-spans';
export * from './log-fields';
export * from './tracing.module';
export * from './collect-spans';
