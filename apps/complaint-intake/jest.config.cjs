module.exports = { ...require('../../jest.preset.cjs'), displayName: 'complaint-intake', rootDir: __dirname };
