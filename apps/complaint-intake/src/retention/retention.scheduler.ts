import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Db } from 'mongodb';
import type { Connection } from 'mongoose';
import { OutboxRelay } from '@pipeline/mongo';
import { IntakeEnv } from '../intake.env';
import { runScheduledCallerRetention } from './caller-retention';

/** Looks hourly whether today's pass has run anywhere; the first instance to claim the day runs it. */
const CHECK_EVERY_MS = 60 * 60 * 1000;
/** The first look waits for start-up to settle. */
const FIRST_CHECK_AFTER_MS = 60 * 1000;

@Injectable()
export class CallerRetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CallerRetention');
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly env: IntakeEnv,
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.CALLER_RETENTION_JOB) return;
    this.timers = [setTimeout(() => this.tick(), FIRST_CHECK_AFTER_MS).unref(), setInterval(() => this.tick(), CHECK_EVERY_MS).unref()];
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach(clearTimeout);
    await this.running;
  }

  /** One pass if today's is unclaimed; a failure is logged and the next day's pass picks up what is left. */
  tick(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      const report = await runScheduledCallerRetention(this.connection.db as unknown as Db, {
        periodDays: this.env.CALLER_RETENTION_DAYS,
        withDocumentLock: (id, work) => this.relay.locks.run(id, work),
      });
      if (report) this.logger.log(`保存期限任务：${report.cutoff.toISOString()} 前办结的投诉中，${report.anonymised} 件的来电人信息已匿名化`);
    } catch (err) {
      this.logger.error(`保存期限任务失败：${(err as Error).message}`);
    }
  }
}
