// Shared jest settings: SWC transpiles TypeScript with decorator metadata
// (Nest's DI and class-validator need it) and the tsconfig path aliases are
// mapped so tests import libs exactly as the apps do.
const { join } = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, join(__dirname, target)]),
);

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  // these ship ES modules only
  transformIgnorePatterns: ['/node_modules/(?!(flatbush|flatqueue|jose|@nestjs/schedule)/)'],
  setupFiles: ['reflect-metadata'],
  testMatch: ['**/?(*.)+(spec|int-spec|e2e-spec).ts'],
  // Integration specs talk to the real broker and store, started once per run.
  globalSetup: join(__dirname, 'tools/jest/global-setup.cjs'),
  globalTeardown: join(__dirname, 'tools/jest/global-teardown.cjs'),
  testTimeout: 60_000,
};
