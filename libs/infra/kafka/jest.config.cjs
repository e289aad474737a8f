module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'infra-kafka', rootDir: __dirname };
