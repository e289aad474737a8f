module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'infra-service', rootDir: __dirname, globalSetup: undefined, globalTeardown: undefined };
