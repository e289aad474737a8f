export * from './reference-data';
export * from './public-complaints';
