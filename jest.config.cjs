// Every project's tests in one jest run (npm test): the broker and store are
// started once by the shared global setup and reused by all projects.
const { getJestProjectsAsync } = require('@nx/jest');

module.exports = async () => ({
  projects: await getJestProjectsAsync(),
  // a global option: per-project values are ignored when projects run together
  testTimeout: 60_000,
});
