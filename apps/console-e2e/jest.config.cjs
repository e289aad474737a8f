// The console in a real browser (Debian's chromium through playwright-core) against the whole running system.
module.exports = { ...require('../../jest.preset.cjs'), displayName: 'console-e2e', rootDir: __dirname, testTimeout: 180_000 };
