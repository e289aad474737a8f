import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { CaseService } from '../case.service';
import { DEADLINE_SCAN_MS, DeadlineWatchService } from './deadline-watch.service';

describe('the deadline watch', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('scans for breaches every minute, goes on after a failed scan, and stops when the app closes', async () => {
    const reportBreaches = jest.fn().mockRejectedValueOnce(new Error('store down')).mockResolvedValue(undefined);
    @Module({ imports: [ScheduleModule.forRoot()], providers: [DeadlineWatchService, { provide: CaseService, useValue: { reportBreaches } }] })
    class WatchModule {}
    const app = await NestFactory.createApplicationContext(WatchModule, { logger: false });
    await app.init();
    const registry = app.get(SchedulerRegistry);
    expect(registry.getIntervals()).toEqual(['deadline-watch']);

    jest.advanceTimersByTime(DEADLINE_SCAN_MS - 1);
    expect(reportBreaches).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    await Promise.resolve();
    jest.advanceTimersByTime(DEADLINE_SCAN_MS);
    expect(reportBreaches).toHaveBeenCalledTimes(2);

    await app.close();
    expect(registry.getIntervals()).toEqual([]);
    jest.advanceTimersByTime(5 * DEADLINE_SCAN_MS);
    expect(reportBreaches).toHaveBeenCalledTimes(2);
  });
});
