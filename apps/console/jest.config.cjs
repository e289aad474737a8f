// Unit tests of the console's pure logic (no DOM): colouring, validation, flags, error mapping.
module.exports = { ...require('../../jest.preset.cjs'), displayName: 'console', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
