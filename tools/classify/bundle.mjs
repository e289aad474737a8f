// Builds and runs the classification commands (classify, eval, train, bench,
// robustness). They run the app's TypeScript (featuriser, model, lexicon,
// place locator, repeat linker), so they are bundled with webpack like the
// services, into dist/tools/classify, and rebuilt only when a source file
// they are made of has changed since the last build.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'dist', 'tools', 'classify');
const MANIFEST = join(OUT, 'sources.json');
const COMMANDS = ['classify', 'eval', 'train', 'bench', 'robustness'];
const require = createRequire(import.meta.url);

function webpackConfig() {
  const nodeExternals = require('webpack-node-externals');
  const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');
  const appDir = join(ROOT, 'apps', 'classification');
  const tsconfig = join(appDir, 'tsconfig.app.json');
  return {
    mode: 'none',
    target: 'node20',
    context: appDir,
    entry: Object.fromEntries(COMMANDS.map((name) => [name, join(appDir, 'src', 'cli', `${name}.cli.ts`)])),
    output: { path: OUT, filename: '[name].js', library: { type: 'commonjs2' }, clean: true },
    devtool: 'source-map',
    resolve: { extensions: ['.ts', '.js', '.json'], plugins: [new TsconfigPathsPlugin({ configFile: tsconfig })] },
    module: {
      // Types are checked by tsc and the service build; here only transpiled, for speed.
      rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile: tsconfig, transpileOnly: true } }],
    },
    externalsPresets: { node: true },
    externals: [nodeExternals({ modulesDir: join(ROOT, 'node_modules') })],
    node: { __dirname: false, __filename: false },
    optimization: { minimize: false, nodeEnv: false },
    stats: 'errors-warnings',
  };
}

function fingerprint(file) {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? `${s.size}:${s.mtimeMs}` : 'missing';
}

function upToDate() {
  if (!existsSync(MANIFEST) || COMMANDS.some((c) => !existsSync(join(OUT, `${c}.js`)))) return false;
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  return Object.entries(manifest).every(([file, print]) => fingerprint(join(ROOT, file)) === print);
}

export async function build({ force = false, quiet = false } = {}) {
  if (!force && upToDate()) return;
  const { default: webpack } = await import('webpack');
  const started = Date.now();
  const stats = await new Promise((done, fail) => {
    const compiler = webpack(webpackConfig());
    compiler.run((err, result) => compiler.close(() => (err ? fail(err) : done(result))));
  });
  if (stats.hasErrors()) {
    process.stderr.write(`${stats.toString({ colors: false, preset: 'errors-warnings' })}\n`);
    throw new Error('building the classification commands failed');
  }
  const sources = [...stats.compilation.fileDependencies]
    .filter((f) => f.startsWith(ROOT) && !f.includes(`${join('/', 'node_modules', '/')}`) && existsSync(f) && statSync(f).isFile())
    .sort();
  sources.push(fileURLToPath(import.meta.url));
  writeFileSync(MANIFEST, JSON.stringify(Object.fromEntries(sources.map((f) => [relative(ROOT, f), fingerprint(f)])), null, 1));
  if (!quiet) process.stderr.write(`[classify] built ${COMMANDS.length} commands into ${relative(ROOT, OUT)} (${Date.now() - started} ms)\n`);
}

/** Builds if needed, then runs one command with the process arguments; sets the exit code. */
export async function runCommand(name) {
  // A reader that stops early (| head) is not an error of ours.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    await build({ quiet: true });
    const command = require(join(OUT, `${name}.js`));
    const ctx = {
      root: ROOT,
      // npm run starts scripts in the repository root; INIT_CWD is where the user was.
      cwd: process.env.INIT_CWD ?? process.cwd(),
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    };
    process.exitCode = await command.run(process.argv.slice(2), ctx);
  } catch (error) {
    const usage = error && error.constructor && error.constructor.name === 'UsageError';
    process.stderr.write(`${usage ? error.message : (error && error.stack) || error}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}
