module.exports = { ...require('../../jest.preset.cjs'), displayName: 'property-evaluation', rootDir: __dirname };
