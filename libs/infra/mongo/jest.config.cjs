module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'infra-mongo', rootDir: __dirname };
