module.exports = { ...require('../../jest.preset.cjs'), displayName: 'enforcement-case', rootDir: __dirname };
