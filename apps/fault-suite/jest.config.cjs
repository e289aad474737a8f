// The fault-injection suite and the dead-letter replay spec: `npm run test:faults`. The root
// jest.config.cjs leaves this project out, and it is not yet a stage of `npm test`: the
// faults spec finds two recovery bugs that are still open (docs/reliability.md).
// The faults spec starts its own broker and store; the replay spec uses the shared test
// infrastructure, which the preset's global setup starts.
module.exports = { ...require('../../jest.preset.cjs'), displayName: 'fault-suite', rootDir: __dirname, testTimeout: 600_000, verbose: true };
