import { Body, Controller, Get, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsInt, IsString, Max } from 'class-validator';
import request from 'supertest';
import { DomainError } from '@pipeline/contracts';
import { configureHttp } from './configure-http';

class ProbeDto {
  @IsString()
  name: string;

  @IsInt()
  @Max(10)
  count: number;
}

class FakeNetworkError extends Error {
  override name = 'MongoServerSelectionError';
}

@Controller('probe')
class ProbeController {
  @Post()
  create(@Body() dto: ProbeDto) {
    return dto;
  }
  @Get('missing')
  missing() {
    throw DomainError.notFound('THING_NOT_FOUND', '东西不存在');
  }
  @Get('conflict')
  conflict() {
    throw DomainError.conflict('THING_EXISTS', '已存在', { existingId: 'x1' });
  }
  @Get('rule')
  rule() {
    throw DomainError.rule('ILLEGAL_TRANSITION', '不允许的状态变更');
  }
  @Get('down')
  down() {
    throw new FakeNetworkError('connect ECONNREFUSED 10.0.0.1:27017');
  }
  @Get('bug')
  bug() {
    throw new Error('secret internal detail');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('HTTP conventions (validation, error body, limits)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { bodyParser: false, logger: false });
    configureHttp(app, '1kb');
    await app.init();
  });

  afterAll(() => app.close());

  it('answers 400 naming every bad and unknown field', async () => {
    const res = await request(app.getHttpServer()).post('/probe').send({ name: 5, count: 11, admin: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['admin', 'count', 'name']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'admin').messages).toEqual(['不允许的字段']);
    expect(res.body.correlationId).toBeTruthy();
  });

  it('answers 400 INVALID_JSON for a body that is not JSON', async () => {
    const res = await request(app.getHttpServer()).post('/probe').set('content-type', 'application/json').send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_JSON');
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await request(app.getHttpServer()).post('/probe').send({ name: 'x'.repeat(2000), count: 1 });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['/probe/missing', 404, 'THING_NOT_FOUND'],
    ['/probe/conflict', 409, 'THING_EXISTS'],
    ['/probe/rule', 422, 'ILLEGAL_TRANSITION'],
    ['/probe/down', 503, 'SERVICE_UNAVAILABLE'],
    ['/probe/nowhere', 404, 'NOT_FOUND'],
  ])('maps %s to %s %s', async (path, status, code) => {
    const res = await request(app.getHttpServer()).get(path);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('answers an unexpected error with 500 and no internals', async () => {
    const res = await request(app.getHttpServer()).get('/probe/bug').set('x-correlation-id', 'corr-abcdef12');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误', correlationId: 'corr-abcdef12' });
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('keeps details a conflict wants to give', async () => {
    const res = await request(app.getHttpServer()).get('/probe/conflict');
    expect(res.body.details).toEqual({ existingId: 'x1' });
  });
});
