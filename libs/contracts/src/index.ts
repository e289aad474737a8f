import 'reflect-metadata';
export * from './envelope';
export * from './topics';
export * from './taxonomy';
export * from './validation';
export * from './events/common';
export * from './events/complaints';
export * from './events/cases';
export * from './events/evaluations';
