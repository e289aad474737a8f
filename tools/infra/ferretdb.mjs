// FerretDB 1.24 with its SQLite backend, built from the Go module proxy.
// `go install …@v1.24.2` builds a binary that panics at start-up because the
// generated build/version/version.txt is not in the module zip, so we build
// from a copy of the module source after writing that file.
import { chmodSync, cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { FERRETDB_VERSION, cacheDir } from './profile.mjs';
import { InfraError, isAlive, portOpen, readPid, requireTool, run, startDetached, stopPid, tail, waitFor } from './process.mjs';

const MODULE = 'github.com/FerretDB/FerretDB';

export function ferretdbBinary() {
  return join(cacheDir(), `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

export function ensureFerretdb(log = console.log) {
  const bin = ferretdbBinary();
  if (existsSync(bin)) return bin;
  requireTool('go', ['version'], 'FerretDB 由 Go 从模块代理构建，需要 Go 1.22 或更高版本');
  log(`[infra] 正在构建 FerretDB ${FERRETDB_VERSION}（仅首次，约 1–3 分钟，之后使用缓存）…`);
  const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
  const info = JSON.parse(run('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], { env }));
  if (!info.Dir) throw new InfraError(`go mod download 没有返回源码目录：${JSON.stringify(info)}`);
  const work = join(cacheDir(), `ferretdb-${FERRETDB_VERSION}.partial-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(info.Dir, join(work, 'src'), { recursive: true });
  run('chmod', ['-R', 'u+w', join(work, 'src')]);
  writeFileSync(join(work, 'src', 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  run('go', ['build', '-trimpath', '-buildvcs=false', '-o', join(work, 'ferretdb'), './cmd/ferretdb'], {
    cwd: join(work, 'src'),
    env: { ...env, GOFLAGS: '' },
  });
  chmodSync(join(work, 'ferretdb'), 0o755);
  rmSync(join(work, 'src'), { recursive: true, force: true });
  const target = join(cacheDir(), `ferretdb-${FERRETDB_VERSION}`);
  rmSync(target, { recursive: true, force: true });
  renameSync(work, target);
  return bin;
}

function paths(p) {
  const home = p.ferretdb.home;
  return { home, data: join(home, 'data'), state: join(home, 'state'), log: join(home, 'ferretdb.log'), pid: join(home, 'ferretdb.pid') };
}

export function ferretdbRunning(p) {
  return isAlive(readPid(paths(p).pid));
}

export async function mongoReady(uri) {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
  try {
    await client.connect();
    const res = await client.db('admin').command({ ping: 1 });
    return res.ok === 1;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export async function startFerretdb(p, log = console.log) {
  const f = paths(p);
  if (ferretdbRunning(p)) {
    await waitFerretdb(p);
    return { started: false };
  }
  if (await portOpen(p.mongoPort)) {
    throw new InfraError(
      `端口 ${p.mongoPort} 已被其他进程占用，无法启动 FerretDB。请停止占用该端口的进程，或设置 MONGODB_URI 指向已有的 MongoDB。`,
    );
  }
  const bin = ensureFerretdb(log);
  mkdirSync(f.data, { recursive: true }); // FerretDB refuses a SQLite URL whose directory does not exist
  mkdirSync(f.state, { recursive: true });
  startDetached(
    bin,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${f.data}/`,
      `--listen-addr=127.0.0.1:${p.mongoPort}`,
      `--state-dir=${f.state}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
      '--log-format=text',
    ],
    { pidFile: f.pid, logFile: f.log, env: { DO_NOT_TRACK: '1' } },
  );
  await waitFerretdb(p);
  return { started: true };
}

async function waitFerretdb(p) {
  const f = paths(p);
  await waitFor(
    async () => {
      if (!ferretdbRunning(p)) throw new InfraError(`FerretDB 进程已退出。日志 ${f.log}：\n${tail(f.log)}`);
      return mongoReady(p.ferretdb.uri);
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `FerretDB（${p.ferretdb.uri}）就绪`, onTimeout: () => tail(f.log) },
  );
}

export async function stopFerretdb(p) {
  return stopPid(paths(p).pid, { graceMs: 15_000 });
}

export function resetFerretdb(p) {
  rmSync(paths(p).home, { recursive: true, force: true });
}
