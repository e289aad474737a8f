// One webpack setup for every service: a Node bundle of the app and our libs
// (resolved through the tsconfig path aliases), type-checked by ts-loader,
// with npm packages left external (installed beside it from package.json).
const { join, resolve } = require('node:path');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

const ROOT = resolve(__dirname, '..', '..');

module.exports = function serviceConfig(name) {
  const appDir = join(ROOT, 'apps', name);
  const tsconfig = join(appDir, 'tsconfig.app.json');
  return {
    mode: 'none',
    target: 'node20',
    context: appDir,
    entry: join(appDir, 'src', 'main.ts'),
    output: { path: join(ROOT, 'dist', 'apps', name), filename: 'main.js', clean: true },
    devtool: 'source-map',
    resolve: { extensions: ['.ts', '.js', '.json'], plugins: [new TsconfigPathsPlugin({ configFile: tsconfig })] },
    module: {
      rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: tsconfig, onlyCompileBundledFiles: true } }],
    },
    externalsPresets: { node: true },
    externals: [nodeExternals({ modulesDir: join(ROOT, 'node_modules') })],
    // keep __dirname and process.env as they are at run time
    node: { __dirname: false, __filename: false },
    optimization: { minimize: false, nodeEnv: false },
    stats: 'errors-warnings',
  };
};
