// One webpack setup for every service: a Node bundle of the app and our libs,
// with npm packages left external (installed beside it from package.json).
const { join } = require('node:path');
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');

module.exports = (appDir, name) => ({
  output: { path: join(appDir, '../../dist/apps', name), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      assets: [],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
      // ESM-only packages are bundled so that the CommonJS bundle can load them
      externalDependencies: 'all',
    }),
  ],
  externals: [],
});
