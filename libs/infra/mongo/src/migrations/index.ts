export * from './migration';
export * from './migration-lock';
export * from './migration-runner';
export * from './migrations.module';
export * from './index-steps';
