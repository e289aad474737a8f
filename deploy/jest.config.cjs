// Renders and validates the Kubernetes manifests offline: no broker, no
// store, no cluster, so this project starts no infrastructure of its own.
module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'deploy',
  rootDir: __dirname,
  globalSetup: undefined,
  globalTeardown: undefined,
};
