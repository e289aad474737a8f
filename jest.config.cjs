// Every project's tests in one jest run (npm test): the broker and store are
// started once by the shared global setup and reused by all projects.
const { getJestProjectsAsync } = require('@nx/jest');

module.exports = async () => ({
  // the fault suite starts whole systems of its own and runs alone after these (tools/test-all.mjs)
  projects: (await getJestProjectsAsync()).filter((config) => !config.includes('/apps/fault-suite/')),
  // a global option: per-project values are ignored when projects run together
  testTimeout: 60_000,
});
