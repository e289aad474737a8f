import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getModelToken } from '@nestjs/mongoose';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { IDEMPOTENCY_KEY_TTL_HOURS, IdempotencyRepository } from './idempotency.repository';
import { IdempotencyKey } from './idempotency.schema';

describe('expiry of idempotency keys', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('removes keys older than their lifetime hourly, and stops when the app closes', async () => {
    const deleteMany = jest.fn().mockResolvedValue({ deletedCount: 0 });
    @Module({ imports: [ScheduleModule.forRoot()], providers: [IdempotencyRepository, { provide: getModelToken(IdempotencyKey.name), useValue: { deleteMany } }] })
    class KeysModule {}
    const app = await NestFactory.createApplicationContext(KeysModule, { logger: false });
    await app.init();
    const registry = app.get(SchedulerRegistry);
    expect(registry.getIntervals()).toEqual(['idempotency-key-expiry']);

    jest.advanceTimersByTime(3600_000 - 1);
    expect(deleteMany).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(deleteMany).toHaveBeenCalledWith({ createdAt: { $lt: new Date(Date.now() - IDEMPOTENCY_KEY_TTL_HOURS * 3600_000) } });

    await app.close();
    expect(registry.getIntervals()).toEqual([]);
    jest.advanceTimersByTime(3 * 3600_000);
    expect(deleteMany).toHaveBeenCalledTimes(1);
  });
});
