export * from './command-line';
export * from './data-command';
