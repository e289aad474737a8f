import { Module, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROCESSED_EVENT_STORE } from '@pipeline/kafka';
import { CommandProfile } from './command-profile';
import { MongoModule } from './mongo.module';
import { MongoProcessedEventStore, PROCESSED_EVENT_RETENTION_DAYS, ProcessedEventPruning } from './processed-events';

const HOUR = 3600_000;

/** An app context holding `providers` beside the scheduler, as a service has them. */
async function start(providers: Provider[]) {
  @Module({ imports: [ScheduleModule.forRoot()], providers })
  class JobsModule {}
  const app = await NestFactory.createApplicationContext(JobsModule, { logger: false });
  await app.init();
  return app;
}

describe("the store lib's periodic jobs (@nestjs/schedule)", () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('prunes processed-event markers older than the retention every 6 hours, and stops when the app closes', async () => {
    const deleteMany = jest.fn().mockResolvedValue({ deletedCount: 0 });
    // provided as MongoEventingModule does: the store under two tokens, the job once
    const app = await start([
      MongoProcessedEventStore,
      { provide: PROCESSED_EVENT_STORE, useExisting: MongoProcessedEventStore },
      ProcessedEventPruning,
      { provide: getConnectionToken(), useValue: { models: { ProcessedEvent: { deleteMany } } } },
    ]);
    const registry = app.get(SchedulerRegistry);
    expect(registry.getIntervals()).toEqual(['processed-events-prune']);

    jest.advanceTimersByTime(6 * HOUR - 1);
    expect(deleteMany).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(deleteMany).toHaveBeenCalledWith({ processedAt: { $lt: new Date(Date.now() - PROCESSED_EVENT_RETENTION_DAYS * 24 * HOUR) } });

    await app.close();
    expect(registry.getIntervals()).toEqual([]);
    jest.advanceTimersByTime(6 * HOUR);
    expect(deleteMany).toHaveBeenCalledTimes(1);
  });

  describe('the command profile', () => {
    const saved = process.env.STORE_COMMAND_PROFILE;
    let folder: string;
    beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'profile-'))));
    afterEach(() => {
      rmSync(folder, { recursive: true, force: true });
      if (saved === undefined) delete process.env.STORE_COMMAND_PROFILE;
      else process.env.STORE_COMMAND_PROFILE = saved;
    });

    it('writes its totals every 5 seconds once provided', async () => {
      const app = await start([{ provide: CommandProfile, useValue: new CommandProfile(folder, 'svc') }]);
      const file = join(folder, `svc-${process.pid}.json`);
      jest.advanceTimersByTime(4_999);
      expect(existsSync(file)).toBe(false);
      jest.advanceTimersByTime(1);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
      await app.close();
    });

    it('is provided (and so scheduled) only when STORE_COMMAND_PROFILE names a folder', () => {
      const provides = () => (MongoModule.forRoot({ uri: 'mongodb://x', dbName: 'x', serviceName: 'svc' }).providers ?? []).some((p) => 'provide' in p && p.provide === CommandProfile);
      delete process.env.STORE_COMMAND_PROFILE;
      expect(provides()).toBe(false);
      process.env.STORE_COMMAND_PROFILE = folder;
      expect(provides()).toBe(true);
    });
  });
});
