// Small process helpers shared by the Kafka and FerretDB starters: pid files,
// port checks, a polling wait with a deadline, and friendly failures.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';

export class InfraError extends Error {}

/** Fails with a message that names the missing tool and how to get it. */
export function requireTool(cmd, args, hint) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new InfraError(`找不到 ${cmd}（${hint}）。请先安装后重试。`);
  }
  return `${r.stdout}${r.stderr}`.trim();
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error || r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new InfraError(`${cmd} ${args.join(' ')} 失败（退出码 ${r.status}）：\n${out || r.error?.message}`);
  }
  return r.stdout;
}

export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readPid(file) {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Starts a long-running process detached from this one, output to a log file. */
export function startDetached(cmd, args, { pidFile, logFile, env, cwd }) {
  mkdirSync(dirname(logFile), { recursive: true });
  // one previous run's log is kept; older ones would only fill the disk
  if (existsSync(logFile)) renameSync(logFile, `${logFile}.1`);
  const out = openSync(logFile, 'a');
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', out, out] });
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  return child.pid;
}

export async function stopPid(pidFile, { graceMs = 30_000 } = {}) {
  const pid = readPid(pidFile);
  if (!isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const stopped = await waitFor(async () => !isAlive(pid), { timeoutMs: graceMs, intervalMs: 200 }).then(
    () => true,
    () => false,
  );
  if (!stopped) process.kill(pid, 'SIGKILL');
  await waitFor(async () => !isAlive(pid), { timeoutMs: 5_000, intervalMs: 100 }).catch(() => undefined);
  rmSync(pidFile, { force: true });
  return true;
}

export function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolvePromise(false);
    });
    socket.once('error', () => resolvePromise(false));
  });
}

/** Polls `check` until it returns truthy or the deadline passes. */
export async function waitFor(check, { timeoutMs, intervalMs = 250, what = 'condition', onTimeout } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = onTimeout ? `\n${onTimeout()}` : lastError ? `：${lastError.message}` : '';
      throw new InfraError(`等待 ${what} 超时（${Math.round(timeoutMs / 1000)} 秒）${detail}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The last lines of a log, reading only its end: a broker's log can reach gigabytes. */
export function tail(file, lines = 30, maxBytes = 64 * 1024) {
  if (!existsSync(file)) return '(无日志)';
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    closeSync(fd);
  }
}
