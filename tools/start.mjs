#!/usr/bin/env node
// npm start: builds the services, starts Kafka and FerretDB (or uses
// KAFKA_BROKERS / MONGODB_URI), starts every service, prints the base URL and
// stays in the foreground. Ctrl-C stops everything it started, cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { profile, stopFerretdb, stopKafka, up } from './infra/index.mjs';
import { InfraError, waitFor } from './infra/process.mjs';
import { REPO_ROOT } from './infra/profile.mjs';
import services from './services.cjs';

const { SERVICES, serviceEnv } = services;

const p = profile('dev');
const children = [];
let stopping = false;
let infra = null;

function log(msg) {
  process.stdout.write(`[start] ${msg}\n`);
}

function build() {
  log('正在构建服务…');
  const r = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects', SERVICES.map((s) => s.name).join(','), '--parallel=2'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  if (r.status !== 0) throw new InfraError('构建失败，见上方输出');
}

function startService(service, env) {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'apps', service.name, 'main.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${service.name}] `;
  const pipe = (stream, out) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) out.write(prefix + line + '\n');
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${service.name} 意外退出（${signal ?? code}），正在停止全部服务`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('正在停止服务…');
  await Promise.all(
    children.map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const timer = setTimeout(() => c.kill('SIGKILL'), 30_000);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
  // only what this run started: a broker or store that was already running stays up
  try {
    if (infra?.startedKafka && (await stopKafka(p))) log('已停止 Kafka');
    if (infra?.startedMongo && (await stopFerretdb(p))) log('已停止 FerretDB');
  } catch (err) {
    log(`停止基础设施失败：${err.message}`);
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  build();
  log('正在启动 Kafka 与 FerretDB…');
  infra = await up(p, log);
  log(`基础设施就绪（${infra.seconds.toFixed(1)} 秒）：Kafka ${infra.kafkaBrokers}，存储 ${infra.mongoUri}`);
  // PORT moves the public entry point; the services behind it keep their ports
  const ports = process.env.PORT ? { gateway: Number(process.env.PORT) } : {};
  for (const service of SERVICES) startService(service, serviceEnv(service, { kafkaBrokers: infra.kafkaBrokers, mongoUri: infra.mongoUri, ports }));
  const base = `http://127.0.0.1:${ports.gateway ?? SERVICES.find((s) => s.name === 'gateway').port}`;
  await waitFor(async () => (await fetch(`${base}/health`)).ok, { timeoutMs: 120_000, intervalMs: 500, what: '全部服务就绪' });
  log('全部服务已就绪。参考数据（30 个热点区域、100 个重点小区、13 类投诉）随服务加载。');
  log(`统一入口：${base}   （健康检查 ${base}/health，按 Ctrl-C 停止）`);
  log(`网页工作台：在浏览器打开 ${base}/ ，用 README 中的开发用户登录（如 operator / operator-dev-2026）`);
} catch (err) {
  process.stderr.write(`[start] ${err instanceof InfraError ? err.message : err.stack}\n`);
  await shutdown(1);
}
