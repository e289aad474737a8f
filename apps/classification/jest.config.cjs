module.exports = { ...require('../../jest.preset.cjs'), displayName: 'classification', rootDir: __dirname };
