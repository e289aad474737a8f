#!/usr/bin/env node
// npm run migrate -- <service>
// npm run backup -- <service|all> [--out <dir>]
// npm run restore -- <service> <dir> [--drop]
// npm run retention -- [--dry-run]
//
// Runs a service's data command (apps/<service>/src/data.cli.ts, or intake's
// retention.cli.ts) from its TypeScript with tsx, with the service's own
// environment variables (MONGODB_URI, MONGODB_DB …). Paths are resolved from
// the directory npm was started in. See docs/operations-data.md.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const SERVICES = ['gateway', 'complaint-intake', 'classification', 'enforcement-case', 'property-evaluation'];
const COMMANDS = ['migrate', 'backup', 'restore', 'retention'];
const cwd = process.env.INIT_CWD ?? process.cwd();

function usage(problem) {
  process.stderr.write(
    `[数据] ${problem}\n用法：\n  npm run migrate -- <服务>\n  npm run backup -- <服务|all> [--out <目录>]\n  npm run restore -- <服务> <备份目录> [--drop]\n  npm run retention -- [--dry-run]\n服务：${SERVICES.join('、')}\n`,
  );
  process.exit(2);
}

function run(entry, args) {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [tsx, '--tsconfig', join(ROOT, 'tools', 'data', 'tsconfig.json'), join(ROOT, entry), ...args], { stdio: 'inherit', cwd: ROOT });
  return result.status ?? 1;
}

/** Resolves `--out dir` / `--out=dir` from where npm was started. */
function withOut(args, fallback) {
  const i = args.findIndex((a) => a === '--out' || a.startsWith('--out='));
  if (i === -1) return [...args, '--out', fallback];
  const copy = [...args];
  if (copy[i] === '--out') {
    if (copy[i + 1] !== undefined && !copy[i + 1].startsWith('--')) copy[i + 1] = resolve(cwd, copy[i + 1]);
  } else copy[i] = `--out=${resolve(cwd, copy[i].slice('--out='.length))}`;
  return copy;
}

const [command, ...rest] = process.argv.slice(2);
if (!COMMANDS.includes(command)) usage(`未知命令 ${command ?? '（空）'}`);

if (command === 'retention') process.exit(run('apps/complaint-intake/src/retention/retention.cli.ts', rest));

const [service, ...args] = rest;
if (!service) usage('缺少服务名');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const defaultOut = (svc) => join(ROOT, '.var', 'backups', stamp, svc);

if (command === 'backup' && service === 'all') {
  const i = args.findIndex((a) => a === '--out' || a.startsWith('--out='));
  const base = i === -1 ? join(ROOT, '.var', 'backups', stamp) : resolve(cwd, args[i] === '--out' ? (args[i + 1] ?? '') : args[i].slice(6));
  const others = i === -1 ? args : args.filter((_, j) => j !== i && !(args[i] === '--out' && j === i + 1));
  let worst = 0;
  for (const svc of SERVICES) worst = Math.max(worst, run(`apps/${svc}/src/data.cli.ts`, ['backup', ...others, '--out', join(base, svc)]));
  process.exit(worst);
}
if (!SERVICES.includes(service)) usage(`未知服务 ${service}`);
const cliArgs =
  command === 'backup' ? withOut(args, defaultOut(service))
  : command === 'restore' ? args.map((a) => (a.startsWith('--') ? a : resolve(cwd, a)))
  : args;
process.exit(run(`apps/${service}/src/data.cli.ts`, [command, ...cliArgs]));
