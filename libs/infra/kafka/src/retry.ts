import type { LoggerService } from '@nestjs/common';
import { describeError } from './errors';

/** Thrown out of a retry loop when the consumer stops (shutdown, rebalance): the message is left uncommitted. */
export class ConsumerStopping extends Error {}

/**
 * The consumer's waits: exponential backoff that keeps heartbeating (so the
 * group does not think the consumer died) and gives up as soon as the
 * consumer stops.
 */
export class ConsumerBackoff {
  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly logger: LoggerService,
  ) {}

  /** Retries an infrastructure step (dedup lookup, dead-lettering) until it succeeds or the consumer stops. */
  async untilDone<T>(step: () => Promise<T>, stillRunning: () => boolean, heartbeat: () => Promise<void>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await step();
      } catch (err) {
        this.logger.warn(`基础设施暂不可用（第 ${attempt} 次）：${describeError(err)}`);
        if (!(await this.wait(attempt, heartbeat, stillRunning))) throw new ConsumerStopping();
      }
    }
  }

  /** Waits with exponential backoff, heartbeating; false when the consumer is stopping. */
  async wait(attempt: number, heartbeat: () => Promise<void>, stillRunning: () => boolean): Promise<boolean> {
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** (attempt - 1));
    const until = Date.now() + delay;
    while (Date.now() < until) {
      if (!stillRunning()) return false;
      await new Promise((r) => setTimeout(r, Math.min(500, until - Date.now())));
      await heartbeat().catch(() => undefined);
    }
    return stillRunning();
  }
}

/** True when every promise settles before `deadline` (epoch ms); false when the deadline comes first. */
export async function settlesBy(promises: Promise<unknown>[], deadline: number): Promise<boolean> {
  if (!promises.length) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
