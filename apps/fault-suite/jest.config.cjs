// The fault-injection suite and the dead-letter replay spec: `npm run test:faults`, and the last
// stage of `npm test`. The root jest.config.cjs leaves this project out, because the faults spec
// starts whole systems of its own and must run alone (docs/reliability.md).
// The faults spec starts its own broker and store; the replay spec uses the shared test
// infrastructure, which the preset's global setup starts.
module.exports = { ...require('../../jest.preset.cjs'), displayName: 'fault-suite', rootDir: __dirname, testTimeout: 600_000, verbose: true };
