module.exports = { ...require('../../jest.preset.cjs'), displayName: 'domain-terms', rootDir: __dirname, globalSetup: undefined, globalTeardown: undefined };
