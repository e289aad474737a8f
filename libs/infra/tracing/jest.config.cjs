module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'infra-tracing', rootDir: __dirname, globalSetup: undefined, globalTeardown: undefined };
