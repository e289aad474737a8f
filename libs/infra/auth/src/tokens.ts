import { SignJWT, errors, jwtVerify } from 'jose';
import { isRole, type Principal } from './roles';

const ISSUER = 'qingdao-pipeline';
const AUDIENCE = 'qingdao-pipeline-api';

export class InvalidTokenError extends Error {}

function keyOf(secretBase64: string): Uint8Array {
  return new Uint8Array(Buffer.from(secretBase64, 'base64'));
}

/** A signed access token (HS256) carrying the principal, valid for `ttlMinutes`. */
export async function signAccessToken(secretBase64: string, principal: Principal, ttlMinutes: number, now = new Date()): Promise<string> {
  const { sub, ...claims } = principal;
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + ttlMinutes * 60)
    .sign(keyOf(secretBase64));
}

/**
 * The principal of a valid token. Refuses another signing key, another
 * algorithm (no `none`), an expired token, another issuer or audience, and
 * claims of the wrong shape.
 */
export async function verifyAccessToken(secretBase64: string, token: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secretBase64), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    if (!payload.sub || typeof payload.name !== 'string' || !roles.length || !roles.every(isRole)) throw new InvalidTokenError('令牌内容不完整');
    const communities = Array.isArray(payload.communities) ? payload.communities.filter((c): c is string => typeof c === 'string') : undefined;
    const squadId = typeof payload.squadId === 'string' ? payload.squadId : undefined;
    return { sub: payload.sub, name: payload.name, roles, ...(communities ? { communities } : {}), ...(squadId ? { squadId } : {}) };
  } catch (err) {
    if (err instanceof InvalidTokenError) throw err;
    if (err instanceof errors.JWTExpired) throw new InvalidTokenError('登录已过期，请重新登录');
    throw new InvalidTokenError('令牌无效');
  }
}
