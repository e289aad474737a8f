import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Db } from 'mongodb';
import type { Connection } from 'mongoose';
import { OutboxRelay } from '@pipeline/mongo';
import { IntakeEnv } from '../intake.env';
import { runScheduledCallerRetention } from './caller-retention';

/** Looks hourly whether today's pass has run anywhere; the first instance to claim the day runs it. */
const CHECK_EVERY_MS = 60 * 60 * 1000;
/** The first look waits for start-up to settle. */
const FIRST_CHECK_AFTER_MS = 60 * 1000;
/** The timers' names in the SchedulerRegistry. */
export const RETENTION_FIRST_CHECK = 'caller-retention-first-check';
export const RETENTION_CHECK = 'caller-retention-check';

@Injectable()
export class CallerRetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CallerRetention');
  private running: Promise<void> | null = null;

  constructor(
    private readonly env: IntakeEnv,
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  /** Scheduled at run time, only when CALLER_RETENTION_JOB is on; the scheduler clears both timers on shutdown. */
  onApplicationBootstrap(): void {
    if (!this.env.CALLER_RETENTION_JOB) return;
    this.scheduler.addTimeout(RETENTION_FIRST_CHECK, setTimeout(() => void this.tick(), FIRST_CHECK_AFTER_MS));
    this.scheduler.addInterval(RETENTION_CHECK, setInterval(() => void this.tick(), CHECK_EVERY_MS));
  }

  /** A pass in progress finishes before the store connection closes. */
  async onApplicationShutdown(): Promise<void> {
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
