module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'infra-observability', rootDir: __dirname, globalSetup: undefined, globalTeardown: undefined };
