// The TypeScript tools' specs (tools/lint is a project of its own); the dlq-replay spec runs against the real broker (the shared global setup).
module.exports = { ...require('../jest.preset.cjs'), displayName: 'tools', rootDir: __dirname, roots: ['<rootDir>/dlq-replay'] };
