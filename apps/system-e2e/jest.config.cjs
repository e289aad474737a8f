module.exports = { ...require('../../jest.preset.cjs'), displayName: 'system-e2e', rootDir: __dirname, testTimeout: 120_000 };
