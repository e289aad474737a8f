module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'infra-http', rootDir: __dirname, globalSetup: undefined, globalTeardown: undefined };
