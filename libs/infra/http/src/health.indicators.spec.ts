import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthCheckService } from '@nestjs/terminus';
import { ConsumerStatus } from '@pipeline/kafka';
import { OutboxRelay } from '@pipeline/mongo';
import { runHealthChecks } from './health.controller';
import { HealthChecksModule } from './health.module';
import { BrokerHealthIndicator, ConsumerHealthIndicator, OutboxHealthIndicator, StoreHealthIndicator } from './health.indicators';

@Global()
@Module({ providers: [ConsumerStatus, { provide: OutboxRelay, useValue: { backlog: 3 } }], exports: [ConsumerStatus, OutboxRelay] })
class PipelineStandIn {}

/** The terminus indicators of an app with a consumer and an outbox but no store or broker configured. */
describe('health indicators through terminus', () => {
  let app: INestApplicationContext;
  const run = () =>
    runHealthChecks(app.get(HealthCheckService), [
      () => app.get(StoreHealthIndicator).check(),
      () => app.get(BrokerHealthIndicator).check(),
      () => app.get(ConsumerHealthIndicator).check(),
      () => app.get(OutboxHealthIndicator).check(),
    ]);

  beforeAll(async () => {
    @Module({ imports: [PipelineStandIn, HealthChecksModule] })
    class Probe {}
    app = await NestFactory.createApplicationContext(Probe, { logger: false });
  });

  afterAll(() => app?.close());

  it('names only what the app has, and is not ok while the consumer is not consuming', async () => {
    expect(await run()).toEqual({
      ok: false,
      checks: {
        consumer: { status: 'down', state: 'idle', lastError: null, topics: {} },
        outbox: { status: 'up', backlog: 3 },
      },
    });
  });

  it('is ok once the consumer consumes; the outbox backlog never fails it', async () => {
    app.get(ConsumerStatus).state = 'consuming';
    const answer = await run();
    expect(answer.ok).toBe(true);
    expect(answer.checks.consumer).toMatchObject({ status: 'up', state: 'consuming' });
  });
});
