// FerretDB 1.24 with its SQLite backend, built from the Go module proxy.
// `go install …@v1.24.2` builds a binary that panics at start-up because the
// generated build/version/version.txt is not in the module zip, so we build
// from a copy of the module source after writing that file, and apply
// SOURCE_PATCHES (ADR 0015) to that copy.
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { FERRETDB_VERSION, cacheDir } from './profile.mjs';
import { InfraError, isAlive, portOpen, readPid, requireTool, run, startDetached, stopPid, tail, waitFor } from './process.mjs';

const MODULE = 'github.com/FerretDB/FerretDB';

/**
 * Edits to the module source (exact replacements or new files), each failing the build when it
 * cannot apply. Their id is part of the cache key, so a changed list rebuilds the binary.
 */
const SOURCE_PATCHES = {
  id: 'idx3-w1-pd3',
  edits: [
    {
      // Every collection gets a unique index on `_ferretdb_sjson->"_id"`, but lookups, updates and
      // deletes by _id filter on `_ferretdb_sjson->'$._id'`: the same value, a different expression,
      // so SQLite never uses the index and each of them scans the table. `->'_id'` matches the index.
      file: 'internal/backends/sqlite/metadata/metadata.go',
      from: `IDColumn = DefaultColumn + "->'$._id'"`,
      to: `IDColumn = DefaultColumn + "->'_id'"`,
    },
    {
      // A query is narrowed only by an _id equality, and only when _id is the filter's one key: a
      // filter like `{ _id, version }` or `{ incidentId }` reads and decodes the whole table in Go,
      // although createIndexes made SQLite indexes on those fields. pushdown.go (below) narrows by
      // _id (equal or $in), top-level string equalities and $in lists, and Date ranges, on the
      // indexes' own expression, always to a superset: every handler still applies the whole filter.
      file: 'internal/backends/sqlite/collection.go',
      from: 'if params.Filter.Len() == 1 {\n\t\tv, _ := params.Filter.Get("_id")\n\t\tswitch v.(type) {\n\t\tcase string, types.ObjectID:\n\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)\n\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\t}\n\t}',
      to: 'whereClause, args = prepareWhereClause(params.Filter)',
    },
    {
      // explain reports the same access path as the query it explains
      file: 'internal/backends/sqlite/collection.go',
      from: 'if params.Filter.Len() == 1 {\n\t\tv, _ := params.Filter.Get("_id")\n\t\tswitch v.(type) {\n\t\tcase string, types.ObjectID:\n\t\t\tfilterPushdown = true\n\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)\n\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\t}\n\t}',
      to: 'whereClause, args = prepareWhereClause(params.Filter)\n\tfilterPushdown = whereClause != ""',
    },
    {
      // SQLite lets one transaction write a database at a time and makes the others wait in its busy
      // handler, which sleeps 1, 2, 5 … up to 100 ms between tries: under concurrent writes an insert
      // took 40–200 ms while FerretDB idled. Writers of one database now queue on a mutex in the
      // process instead (a transaction starts as a reader, so one that waits for a lock it cannot get
      // can also fail with SQLITE_BUSY at once; with one writer at a time it never does).
      file: 'internal/util/fsql/db.go',
      from: '\tBatchSize int\n}',
      to: '\tBatchSize int\n\n\t// writeMu lets one transaction or statement write this database at a time (added by the project build).\n\twriteMu sync.Mutex\n}',
    },
    {
      file: 'internal/util/fsql/db.go',
      from: '\t"log/slog"\n\t"time"\n',
      to: '\t"log/slog"\n\t"sync"\n\t"time"\n',
    },
    {
      file: 'internal/util/fsql/db.go',
      from: 'func (db *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {\n',
      to: 'func (db *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {\n\tdb.writeMu.Lock()\n\tdefer db.writeMu.Unlock()\n\n',
    },
    {
      file: 'internal/util/fsql/db.go',
      from: 'func (db *DB) InTransaction(ctx context.Context, f func(*Tx) error) (err error) {\n',
      to: 'func (db *DB) InTransaction(ctx context.Context, f func(*Tx) error) (err error) {\n\tdb.writeMu.Lock()\n\tdefer db.writeMu.Unlock()\n\n',
    },
    {
      file: 'internal/backends/sqlite/pushdown.go',
      create: readFileSync(new URL('./ferretdb-pushdown.go.txt', import.meta.url), 'utf8'),
    },
  ],
};

const buildName = () => `ferretdb-${FERRETDB_VERSION}+${SOURCE_PATCHES.id}`;

export function ferretdbBinary() {
  return join(cacheDir(), buildName(), 'ferretdb');
}

function applySourcePatches(src) {
  for (const { file, from, to, create } of SOURCE_PATCHES.edits) {
    const path = join(src, file);
    if (create !== undefined) {
      if (existsSync(path)) throw new InfraError(`FerretDB 源码补丁无法应用：${file} 已存在`);
      writeFileSync(path, create);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    if (!text.includes(from)) throw new InfraError(`FerretDB 源码补丁无法应用：${file} 中没有 ${from}`);
    writeFileSync(path, text.replace(from, to));
  }
}

export function ensureFerretdb(log = console.log) {
  const bin = ferretdbBinary();
  if (existsSync(bin)) return bin;
  requireTool('go', ['version'], 'FerretDB 由 Go 从模块代理构建，需要 Go 1.22 或更高版本');
  log(`[infra] 正在构建 FerretDB ${FERRETDB_VERSION}（仅首次，约 1–3 分钟，之后使用缓存）…`);
  const env = { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
  const info = JSON.parse(run('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], { env }));
  if (!info.Dir) throw new InfraError(`go mod download 没有返回源码目录：${JSON.stringify(info)}`);
  const work = join(cacheDir(), `${buildName()}.partial-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(info.Dir, join(work, 'src'), { recursive: true });
  run('chmod', ['-R', 'u+w', join(work, 'src')]);
  writeFileSync(join(work, 'src', 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  applySourcePatches(join(work, 'src'));
  run('go', ['build', '-trimpath', '-buildvcs=false', '-o', join(work, 'ferretdb'), './cmd/ferretdb'], {
    cwd: join(work, 'src'),
    env: { ...env, GOFLAGS: '' },
  });
  chmodSync(join(work, 'ferretdb'), 0o755);
  rmSync(join(work, 'src'), { recursive: true, force: true });
  const target = join(cacheDir(), buildName());
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
      // WAL with synchronous=NORMAL: a killed process loses nothing committed, only an OS crash can
      // lose the last commits; it spares an fsync per commit, which doubles the write rate (ADR 0015)
      `--sqlite-url=file:${f.data}/?_pragma=synchronous(normal)`,
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
