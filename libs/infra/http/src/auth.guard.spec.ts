import { Body, Controller, Get, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsString } from 'class-validator';
import request from 'supertest';
import { CurrentUser, Public, Roles, type Principal } from '@pipeline/auth';
import { DEV_AUTH_JWT_SECRET } from '@pipeline/config';
import { testToken } from '@pipeline/testing';
import { AuthModule } from './auth.module';
import { configureHttp } from './configure-http';

class NoteDto {
  @IsString()
  text: string;
}

@Controller('probe')
class ProbeController {
  @Get('open')
  @Public()
  open(@CurrentUser() user?: Principal) {
    return { user: user?.sub ?? null };
  }

  @Get('operators')
  @Roles('operator')
  operators(@CurrentUser() user: Principal) {
    return { user: user.sub };
  }

  @Post('notes')
  @Roles('operator', 'admin')
  note(@Body() dto: NoteDto) {
    return dto;
  }

  @Get('undeclared')
  undeclared() {
    return { leaked: true };
  }
}

@Module({ imports: [AuthModule.forRoot({ jwtSecret: DEV_AUTH_JWT_SECRET, requestsPerMinute: 5 })], controllers: [ProbeController] })
class ProbeModule {}

/** The default-deny guard, token checks, the per-person rate limit and the input hardening, on a probe app. */
describe('authentication, roles, rate limit and input hardening', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const operator = (sub = 'op-1') => bearer(testToken({ sub, roles: ['operator'] }));

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { bodyParser: false, logger: false });
    configureHttp(app, '2kb', ['https://console.example.cn']);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lets anyone call a public endpoint, and still knows a signed-in caller', async () => {
    expect((await http().get('/probe/open')).body).toEqual({ user: null });
    expect((await http().get('/probe/open').set(operator('op-open'))).body).toEqual({ user: 'op-open' });
  });

  it('refuses an endpoint that declares no roles, even to a token with every role', async () => {
    const res = await http().get('/probe/undeclared').set(bearer(testToken({ sub: 'all-roles' })));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ENDPOINT_NOT_DECLARED');
  });

  it('answers 401 without a token and 403 to the wrong role', async () => {
    expect((await http().get('/probe/operators')).body).toMatchObject({ statusCode: 401, code: 'AUTH_REQUIRED' });
    const wrongRole = await http().get('/probe/operators').set(bearer(testToken({ sub: 'disp-1', roles: ['dispatcher'] })));
    expect(wrongRole.body).toMatchObject({ statusCode: 403, code: 'ROLE_FORBIDDEN', message: '当前角色无权执行此操作，需要：热线话务员' });
    expect((await http().get('/probe/operators').set(operator('op-2'))).body).toEqual({ user: 'op-2' });
  });

  it.each([
    ['signed with another key', () => testToken({ sub: 'x1' }, { secretBase64: Buffer.alloc(32, 7).toString('base64') })],
    ['expired', () => testToken({ sub: 'x2' }, { expiresInSeconds: -60 })],
    ['for another audience', () => testToken({ sub: 'x3' }, { audience: 'another-system' })],
    ['from another issuer', () => testToken({ sub: 'x4' }, { issuer: 'someone-else' })],
    ['unsigned (alg none)', () => {
      const [, payload] = testToken({ sub: 'x5' }).split('.');
      return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    }],
    ['not a token at all', () => 'not-a-jwt'],
    ['with a role that does not exist', () => testToken({ sub: 'x6', roles: ['superuser' as never] })],
  ])('refuses a token %s with 401', async (_name, token) => {
    const res = await http().get('/probe/operators').set(bearer(token()));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });

  it('limits each person, not everyone, to the configured requests per minute', async () => {
    for (let i = 0; i < 5; i++) expect((await http().get('/probe/operators').set(operator('busy'))).status).toBe(200);
    const limited = await http().get('/probe/operators').set(operator('busy'));
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect((await http().get('/probe/operators').set(operator('calm'))).status).toBe(200);
  });

  describe('input hardening', () => {
    const post = (body: string, contentType = 'application/json') => http().post('/probe/notes').set(operator(`hard-${Math.random()}`)).set('content-type', contentType).send(body);
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

    it.each([
      ['a query operator in the body', '{"text":{"$gt":""}}', 'text.$gt'],
      ['a __proto__ key', '{"text":"x","__proto__":{"admin":true}}', '__proto__'],
      ['a constructor key deep inside', '{"text":"x","meta":{"constructor":{"prototype":{}}}}', 'meta.constructor'],
      ['an operator inside a list', '{"text":"x","tags":[{"$where":"1"}]}', 'tags[0].$where'],
      ['JSON nested 40 deep', nested(40), expect.stringMatching(/^a(\.a)+$/)],
    ])('refuses %s with 400 naming the field', async (_name, body, field) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'UNSAFE_INPUT', errors: [{ field }] });
    });

    it('refuses query operators in a query string', async () => {
      const res = await http().get('/probe/open?status[$ne]=closed');
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('query.status[$ne]');
    });

    it('refuses invalid UTF-8 and oversized bodies', async () => {
      const invalid = await http().post('/probe/notes').set(operator('utf8')).set('content-type', 'application/json').send(Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
      expect(invalid.status).toBe(400);
      const big = await post(JSON.stringify({ text: 'x'.repeat(4000) }));
      expect(big.status).toBe(413);
    });

    it('accepts a clean body', async () => {
      expect((await post('{"text":"中山路有人占道经营"}')).status).toBe(201);
    });
  });

  it('sends security headers, and CORS headers only to the console’s origin', async () => {
    const res = await http().get('/probe/open').set('origin', 'https://console.example.cn');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBe('https://console.example.cn');
    const other = await http().get('/probe/open').set('origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
