#!/usr/bin/env node
// npm test: lint every project (module boundaries included), type-check them
// with their specs, build the services, then run every project's tests in one
// jest run against a real Kafka broker and FerretDB store (started by the jest global setup, or taken
// from KAFKA_BROKERS / MONGODB_URI), then the fault-injection suite on a broker and store of
// its own. Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './infra/profile.mjs';

const env = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_SKIP_NX_CACHE: process.env.CI ? 'true' : process.env.NX_SKIP_NX_CACHE };
const run = (cmd, args) => spawnSync(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] }).status;
const say = (msg) => process.stdout.write(`\n[test] ${msg}\n`);

/** tsc --noEmit over every project's tsconfig.json, which includes its specs; the statuses. */
function typecheckProjects() {
  const roots = ['apps', 'libs', 'libs/infra']
    .flatMap((dir) => readdirSync(join(REPO_ROOT, dir)).map((name) => join(dir, name)))
    // deploy/ holds the manifest specs (deploy/test); tools/dlq-replay is the TypeScript tool with its spec
    .concat('deploy', 'tools/dlq-replay')
    .filter((root) => existsSync(join(REPO_ROOT, root, 'tsconfig.json')));
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  return roots.map((root) => run(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--noEmit']));
}

/**
 * The console's browser tests drive Debian's chromium, never a downloaded browser: on a fresh
 * Debian machine (as root, as CI is) it is installed here, so `npm ci && npm test` is the whole
 * set-up. Elsewhere, install it yourself or set CHROMIUM_PATH; without it those tests fail, saying so.
 */
function ensureChromium() {
  if (process.env.CHROMIUM_PATH || existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0 || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) {
    say('未找到 /usr/bin/chromium：请安装 Debian 的 chromium（或设置 CHROMIUM_PATH），否则控制台的浏览器测试将失败');
    return;
  }
  say('安装 Debian 的 chromium 与中文字体（控制台浏览器测试用，仅首次）');
  const quiet = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { env: quiet, stdio: ['ignore', 'ignore', 'inherit'] }).status;
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk']) !== 0) {
    say('chromium 安装失败：控制台的浏览器测试将失败');
  }
}

ensureChromium();

say('lint（含模块边界检查）');
const lintFailed = run('npx', ['nx', 'run-many', '-t', 'lint', '--parallel=2', '--outputStyle=static']) !== 0;

say('类型检查（含测试代码：jest 经 SWC 运行，不检查类型）');
const typecheckFailed = typecheckProjects().some((status) => status !== 0);

say('分类模型与训练数据一致（npm run classify:train 重建）');
const modelStale = run('node', ['tools/classify/train.mjs', '--check']) !== 0;

say('构建服务');
const buildFailed = run('npx', ['nx', 'run-many', '-t', 'build', '--parallel=2', '--outputStyle=static']) !== 0;

say('接口文档与控制台类型和代码一致（npm run api:types 重新生成）');
const apiTypesStale = run('npx', ['tsx', '--tsconfig', 'tools/openapi/tsconfig.json', 'tools/openapi/api-types.ts', '--check']) !== 0;

/** Runs one jest configuration with a JSON report; its passed and failed tests (a suite that failed to load counts once). */
function jest(name, config, args) {
  const report = join(REPO_ROOT, 'reports', `${name}.json`);
  mkdirSync(join(REPO_ROOT, 'reports'), { recursive: true });
  rmSync(report, { force: true });
  run('npx', ['jest', '--config', config, '--ci', '--json', `--outputFile=${report}`, ...args]);
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    return { passed: r.numPassedTests, failed: r.numFailedTests + r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length };
  } catch {
    say(`jest（${name}）没有写出结果（见上方输出）`);
    return { passed: 0, failed: 1 };
  }
}

const filters = process.argv.slice(2);
say('运行全部测试（真实 Kafka 与 FerretDB）');
const results = [jest('jest', 'jest.config.cjs', ['--maxWorkers=2', ...filters])];
// the fault suite starts whole systems of its own, so it runs alone, after the rest; a filtered run is a developer's partial run
if (!filters.length) {
  say('故障注入测试（npm run test:faults：杀进程、停 Kafka 与数据库、毒消息、重复投递）');
  results.push(jest('faults-jest', 'apps/fault-suite/jest.config.cjs', ['--runInBand']));
}
const passed = results.reduce((n, r) => n + r.passed, 0);
let failed = results.reduce((n, r) => n + r.failed, 0);
if (lintFailed) {
  failed += 1;
  say('lint 未通过');
}
if (typecheckFailed) {
  failed += 1;
  say('类型检查未通过');
}
if (modelStale) {
  failed += 1;
  say('分类模型文件与训练代码或数据不一致');
}
if (buildFailed) {
  failed += 1;
  say('构建未通过');
}
if (apiTypesStale) {
  failed += 1;
  say('接口文档（docs/openapi.json）或控制台类型（apps/console/src/api/schema.ts）已过期：运行 npm run api:types 重新生成');
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
