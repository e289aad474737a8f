module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'infra-config', rootDir: __dirname, globalSetup: undefined, globalTeardown: undefined };
