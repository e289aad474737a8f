export * from './roles';
export * from './tokens';
export * from './passwords';
export * from './decorators';
