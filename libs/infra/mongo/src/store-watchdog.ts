import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { MongoClient } from 'mongodb';
import type { Connection, ConnectOptions } from 'mongoose';

export const STORE_CONNECTION = Symbol('STORE_CONNECTION');

/** Longer than the driver's server selection (5 s), so a stuck driver answers with its error first. */
const PING_PATIENCE_MS = 15_000;

/** What the watchdog needs to open the same connection again. */
export interface StoreConnectionSettings {
  uri: string;
  options: ConnectOptions;
  /** How often the connection is pinged. */
  checkEveryMs: number;
  /** How long pings must have failed before a fresh client is asked whether the store is up. */
  stuckAfterMs: number;
}

export type WatchdogVerdict = 'healthy' | 'failing' | 'probe-store';

/**
 * Decides, from the outcome of each ping of the service's own connection,
 * when to suspect the driver rather than the store: only after pings have
 * failed for `stuckAfterMs` without a break. A short outage or a slow moment
 * never leads to a reconnect.
 */
export class StuckConnectionDetector {
  private failingSince: number | null = null;

  constructor(private readonly stuckAfterMs: number) {}

  observe(pingOk: boolean, now: number): WatchdogVerdict {
    if (pingOk) {
      this.failingSince = null;
      return 'healthy';
    }
    this.failingSince ??= now;
    return now - this.failingSince >= this.stuckAfterMs ? 'probe-store' : 'failing';
  }

  /** After a reconnect (or a probe that found the store down) the clock starts again. */
  reset(now: number): void {
    this.failingSince = now;
  }
}

/**
 * After a store outage the MongoDB driver has been seen (against FerretDB) to
 * stay on "connection N … closed" for minutes while the store was back and
 * every other service had recovered: nothing was lost, since consumers retry
 * store errors, but nothing moved either. The watchdog pings the service's
 * connection; when pings have failed with driver errors for a while (a slow
 * answer from a busy store does not count) it asks a brand-new client whether
 * the store answers. If the store answers and our connection does not,
 * the connection is closed and opened again on the same mongoose Connection,
 * so every model keeps working without a process restart. If the store does
 * not answer either, it is a real outage and the watchdog waits.
 */
@Injectable()
export class StoreWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StoreWatchdog.name);
  private readonly detector: StuckConnectionDetector;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Rounds done and times the connection was opened again (for health details and tests). */
  checks = 0;
  reconnects = 0;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(STORE_CONNECTION) private readonly settings: StoreConnectionSettings,
  ) {
    this.detector = new StuckConnectionDetector(settings.stuckAfterMs);
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.check().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, this.settings.checkEveryMs);
    this.timer.unref();
  }

  /** One round: ping, and reconnect if the verdict and a fresh client say so. */
  async check(): Promise<void> {
    const ping = await this.pingOwn();
    this.checks++;
    // a slow answer is a busy store, not a stuck driver: it neither clears nor extends a failure
    if (ping === 'slow') return;
    const verdict = this.detector.observe(ping === 'ok', Date.now());
    if (verdict !== 'probe-store' || this.stopped) return;
    if (!(await this.storeAnswersFreshClient())) {
      this.detector.reset(Date.now());
      return;
    }
    // the store answers a new client: ask ours once more, so a store that just came back is not taken for a stuck driver
    if ((await this.pingOwn()) !== 'error') return;
    await this.reconnect();
    this.detector.reset(Date.now());
  }

  /** `error` only for an error the driver gave (a stuck driver fails fast: server selection, closed client). */
  private async pingOwn(): Promise<'ok' | 'error' | 'slow'> {
    const db = this.connection.db;
    if (!db) return 'error';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), PING_PATIENCE_MS);
    });
    const ping = db.admin().command({ ping: 1 }).then(
      () => 'ok' as const,
      () => 'error' as const,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async storeAnswersFreshClient(): Promise<boolean> {
    const client = new MongoClient(this.settings.uri, { serverSelectionTimeoutMS: 2_000, connectTimeoutMS: 2_000, maxPoolSize: 1 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return true;
    } catch {
      return false;
    } finally {
      await client.close(true).catch(() => undefined);
    }
  }

  private async reconnect(): Promise<void> {
    this.logger.error(`数据库连接持续不可用，而数据库本身可以连接：关闭并重新建立连接（第 ${this.reconnects + 1} 次）`);
    try {
      // not a forced close: mongoose would refuse every later operation on a force-closed Connection
      await this.connection.close();
      await this.connection.openUri(this.settings.uri, this.settings.options);
      this.reconnects++;
      this.logger.warn('数据库连接已重新建立');
    } catch (err) {
      this.logger.error(`重新建立数据库连接失败，稍后再试：${(err as Error).message}`);
    }
  }
}
