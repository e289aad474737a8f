import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DEV_AUTH_JWT_SECRET } from '@pipeline/config';
import { AuthModule, HealthChecksModule } from '@pipeline/http';
import { MongoModule } from '@pipeline/mongo';
import { testDbName, testInfra, testNamespace } from '@pipeline/testing';
import { GatewayHealthController, UPSTREAMS } from './health.controller';
import type { ServiceKey } from './routes';

/** A stand-in for a service: answers /health/ready with the status the test sets. */
class FakeService {
  status = 200;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      res.writeHead(req.url === '/health/ready' ? this.status : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: this.status === 200 ? 'ok' : 'unavailable', checks: {} }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('the gateway’s health endpoints', () => {
  const ns = testNamespace('gateway-health');
  const fakes: Record<ServiceKey, FakeService> = { intake: new FakeService(), classification: new FakeService(), case: new FakeService(), evaluation: new FakeService() };
  let app: INestApplication;
  // no token: the default-deny guard is installed, as in the gateway
  const get = (path: string) => request(app.getHttpServer()).get(path);

  beforeAll(async () => {
    const targets = Object.fromEntries(await Promise.all(Object.entries(fakes).map(async ([key, fake]) => [key, await fake.start()]))) as Record<ServiceKey, string>;
    // evaluation's address refuses connections
    await fakes.evaluation.stop();
    @Module({
      imports: [
        MongoModule.forRoot({ uri: testInfra().mongoUri, dbName: testDbName(ns, 'gateway'), serviceName: 'gateway' }),
        AuthModule.forRoot({ jwtSecret: DEV_AUTH_JWT_SECRET, requestsPerMinute: 10_000 }),
        HealthChecksModule,
      ],
      controllers: [GatewayHealthController],
      providers: [{ provide: UPSTREAMS, useValue: targets }],
    })
    class HealthProbeModule {}
    app = await NestFactory.create(HealthProbeModule, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all(Object.values(fakes).map((f) => f.stop()));
  });

  it('is live without asking anything', async () => {
    const res = await get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', service: 'gateway' });
  });

  it('is ready on its own checks (its store), whatever the services say', async () => {
    fakes.intake.status = 503;
    const res = await get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', service: 'gateway', checks: { store: { status: 'up' } } });
  });

  it('answers for the whole system at /health: 503 naming each service that is not ready or not reachable', async () => {
    fakes.intake.status = 503;
    const res = await get('/health');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('unavailable');
    expect(res.body.checks).toEqual({ store: expect.objectContaining({ status: 'up' }) });
    const services = res.body.services as Record<string, { status: string; error?: string }>;
    expect(Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.status]))).toEqual({
      'complaint-intake': 'down',
      classification: 'up',
      'enforcement-case': 'up',
      'property-evaluation': 'down',
    });
    expect(services['property-evaluation'].error).toBeTruthy();
  });

  it('answers 200 at /health when every service is ready', async () => {
    fakes.intake.status = 200;
    const targets = app.get<Record<ServiceKey, string>>(UPSTREAMS);
    targets.evaluation = await fakes.evaluation.start();
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(Object.values(res.body.services).map((s) => (s as { status: string }).status)).toEqual(['up', 'up', 'up', 'up']);
  });
});
