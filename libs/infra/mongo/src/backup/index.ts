export * from './backup-format';
export * from './dump';
export * from './restore';
