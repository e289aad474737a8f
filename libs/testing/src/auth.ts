import { ROLES, signAccessToken, type Principal, type Role } from '@pipeline/auth';
import { DEV_AUTH_JWT_SECRET } from '@pipeline/config';

/**
 * An access token as the test services accept it (they run with the
 * development signing key). By default it carries every role, so a test
 * about something else is not about permissions; the security tests ask for
 * exactly the roles and scopes they check.
 */
export function testToken(principal: Partial<Principal> & { roles?: Role[] } = {}, ttlMinutes = 60): Promise<string> {
  return signAccessToken(DEV_AUTH_JWT_SECRET, { sub: 'test-user', name: '测试用户', roles: [...ROLES], ...principal }, ttlMinutes);
}

/** The Authorization header for such a token. */
export async function authHeaders(principal: Partial<Principal> = {}): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await testToken(principal)}` };
}
