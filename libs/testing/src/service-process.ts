import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { eventually } from './eventually';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * A built service (dist/apps/<name>/main.js) run as a real process, for the
 * end-to-end and fault tests. Output goes to a log file the test can read.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  readonly logFile: string;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    readonly logDir: string,
    /** The app to run (dist/apps/<app>); the name, unless this is a second instance of it. */
    readonly app: string = name,
  ) {
    this.logFile = join(logDir, `${name}.log`);
  }

  /** The operating-system process id while it runs. */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** True while the process runs (after start, until it exits or is stopped). */
  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The environment the service is started with (its database, topic prefix, ports). */
  environment(): Readonly<Record<string, string>> {
    return { ...this.env, PORT: String(this.port) };
  }

  async start({ readyTimeoutMs = 60_000 } = {}): Promise<void> {
    mkdirSync(dirname(this.logFile), { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const main = join(REPO_ROOT, 'dist', 'apps', this.app, 'main.js');
    const child = spawn(process.execPath, [main], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}; see ${this.logFile}`);
        const res = await fetch(`${this.url}/health/ready`);
        if (res.status !== 200) throw new Error(`${this.name} not ready: ${res.status} ${await res.text()}`);
      },
      { timeoutMs: readyTimeoutMs, intervalMs: 250 },
    );
  }

  /** SIGTERM drains and commits; SIGKILL simulates a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    this.child = null;
    return code;
  }

  /** A crash: SIGKILL, nothing drained or committed; `start()` brings the service back on the same port and data. */
  crash(): Promise<number | null> {
    return this.stop('SIGKILL');
  }
}
