module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'infra-auth', rootDir: __dirname, globalSetup: undefined, globalTeardown: undefined };
