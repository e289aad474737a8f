// One webpack setup for every service: a Node bundle of the app and our libs
// (resolved through the tsconfig path aliases), type-checked by ts-loader,
// with npm packages left external (installed beside it from package.json).
// Two entries: main.js runs the service, openapi.js prints its OpenAPI
// document without starting it (npm run api:types).
const { join, resolve } = require('node:path');
const swaggerPlugin = require('@nestjs/swagger/plugin');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

const ROOT = resolve(__dirname, '..', '..');

/**
 * The @nestjs/swagger compiler plugin (docs/adr/0021-openapi-from-the-build.md): DTO
 * properties and their class-validator bounds documented from the code, so no
 * @ApiProperty repeats them. Request and response DTOs live in *.dto.ts, query classes
 * in *.query.ts. ts-loader compiles the whole tsconfig program (no onlyCompileBundledFiles):
 * the plugin reads types through the program it is handed first, and a program that grows
 * file by file leaves it blind to later files' types (arrays and enums came out untyped).
 */
const SWAGGER_PLUGIN = { dtoFileNameSuffix: ['.dto.ts', '.query.ts'], classValidatorShim: true, introspectComments: false };

module.exports = function serviceConfig(name) {
  const appDir = join(ROOT, 'apps', name);
  const tsconfig = join(appDir, 'tsconfig.app.json');
  return {
    mode: 'none',
    target: 'node20',
    context: appDir,
    entry: { main: join(appDir, 'src', 'main.ts'), openapi: join(appDir, 'src', 'openapi.ts') },
    output: { path: join(ROOT, 'dist', 'apps', name), filename: '[name].js', clean: true },
    devtool: 'source-map',
    resolve: { extensions: ['.ts', '.js', '.json'], plugins: [new TsconfigPathsPlugin({ configFile: tsconfig })] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          options: {
            configFile: tsconfig,
            getCustomTransformers: (program) => ({ before: [swaggerPlugin.before(SWAGGER_PLUGIN, program)] }),
          },
        },
      ],
    },
    externalsPresets: { node: true },
    externals: [nodeExternals({ modulesDir: join(ROOT, 'node_modules') })],
    // keep __dirname and process.env as they are at run time
    node: { __dirname: false, __filename: false },
    optimization: { minimize: false, nodeEnv: false },
    stats: 'errors-warnings',
  };
};
