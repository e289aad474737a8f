import { createHmac } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ROLES, type Principal } from '@pipeline/auth';
import { DEV_AUTH_JWT_SECRET } from '@pipeline/config';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * An access token as the test services accept it (they run with the
 * development signing key), made here with plain HMAC rather than the
 * services' library, so the services are also checked to accept any
 * standard HS256 JWT. By default it carries every role, so a test about
 * something else is not about permissions; the security tests ask for
 * exactly the roles, scopes, keys and lifetimes they check.
 */
export function testToken(
  principal: Partial<Principal> = {},
  options: { secretBase64?: string; expiresInSeconds?: number; issuer?: string; audience?: string } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const { sub = 'test-user', ...claims } = { name: '测试用户', roles: [...ROLES], ...principal };
  const payload = {
    ...claims, sub, iss: options.issuer ?? 'qingdao-pipeline', aud: options.audience ?? 'qingdao-pipeline-api', iat: now, exp: now + (options.expiresInSeconds ?? 3600),
  };
  const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  const signature = createHmac('sha256', Buffer.from(options.secretBase64 ?? DEV_AUTH_JWT_SECRET, 'base64')).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

/** The Authorization header for such a token. */
export async function authHeaders(principal: Partial<Principal> = {}): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${testToken(principal)}` };
}

/** supertest against an app, sending such a token with every request. */
export function apiClient(server: App, principal: Partial<Principal> = {}) {
  return request.agent(server).set('authorization', `Bearer ${testToken(principal)}`);
}

/** The roles and principal shape, for specs that may not import the auth library itself (the whole-system ones). */
export { ROLES, type Principal, type Role } from '@pipeline/auth';
