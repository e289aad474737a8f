import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { OutboxRelay } from '@pipeline/mongo';
import { IntakeEnv } from '../intake.env';
import { CallerRetentionScheduler, RETENTION_CHECK, RETENTION_FIRST_CHECK } from './retention.scheduler';

async function start(job: boolean) {
  @Module({
    imports: [ScheduleModule.forRoot()],
    providers: [
      CallerRetentionScheduler,
      { provide: IntakeEnv, useValue: { CALLER_RETENTION_JOB: job, CALLER_RETENTION_DAYS: 365 } },
      { provide: getConnectionToken(), useValue: {} },
      { provide: OutboxRelay, useValue: {} },
    ],
  })
  class RetentionJobModule {}
  const app = await NestFactory.createApplicationContext(RetentionJobModule, { logger: false });
  await app.init();
  return app;
}

describe('the caller-retention schedule', () => {
  let tick: jest.SpyInstance;
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    tick = jest.spyOn(CallerRetentionScheduler.prototype, 'tick').mockResolvedValue();
  });
  afterEach(() => {
    tick.mockRestore();
    jest.useRealTimers();
  });

  it('looks a minute after start-up, then hourly, and stops when the app closes', async () => {
    const app = await start(true);
    const registry = app.get(SchedulerRegistry);
    expect(registry.getTimeouts()).toEqual([RETENTION_FIRST_CHECK]);
    expect(registry.getIntervals()).toEqual([RETENTION_CHECK]);
    jest.advanceTimersByTime(59_999);
    expect(tick).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(tick).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(3600_000 - 60_000);
    expect(tick).toHaveBeenCalledTimes(2);

    await app.close();
    expect([...registry.getTimeouts(), ...registry.getIntervals()]).toEqual([]);
    jest.advanceTimersByTime(3 * 3600_000);
    expect(tick).toHaveBeenCalledTimes(2);
  });

  it('schedules nothing when CALLER_RETENTION_JOB is off (the pass runs outside the service)', async () => {
    const app = await start(false);
    const registry = app.get(SchedulerRegistry);
    expect([...registry.getTimeouts(), ...registry.getIntervals()]).toEqual([]);
    jest.advanceTimersByTime(3 * 3600_000);
    expect(tick).not.toHaveBeenCalled();
    await app.close();
  });
});
