module.exports = { ...require('../../jest.preset.cjs'), displayName: 'testing', rootDir: __dirname, globalSetup: undefined, globalTeardown: undefined };
