module.exports = { ...require('../../jest.preset.cjs'), displayName: 'calendar', rootDir: __dirname, globalSetup: undefined, globalTeardown: undefined };
