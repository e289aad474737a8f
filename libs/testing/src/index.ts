export * from './eventually';
export * from './infra';
export * from './topic-reader';
export * from './service-process';
export * from './ports';
export * from './system';
export * from './isolated-infra';
export * from './auth';
