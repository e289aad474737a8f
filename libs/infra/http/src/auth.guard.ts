import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { InvalidTokenError, PUBLIC_KEY, ROLES_KEY, ROLE_LABELS, verifyAccessToken, type Principal, type Role } from '@pipeline/auth';
import { DomainError } from '@pipeline/contracts';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
export interface AuthOptions {
  /** Base64 HMAC key of the access tokens. */
  jwtSecret: string;
}

export type AuthenticatedRequest = Request & { user?: Principal };

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

/**
 * Default deny: an HTTP endpoint answers only when it is `@Public()` or the
 * caller's token carries one of the roles its `@Roles(...)` names. An
 * endpoint that declares neither is refused for everyone, so forgetting a
 * declaration closes a door instead of opening one. Kafka handlers are not
 * requests of a person and pass.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(req);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      // a public endpoint still knows who calls it when a valid token comes along
      if (token) req.user = await verifyAccessToken(this.options.jwtSecret, token).catch(() => undefined);
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.length) throw DomainError.forbidden('ENDPOINT_NOT_DECLARED', '此接口未声明可访问的角色，已拒绝');
    if (!token) throw DomainError.unauthenticated('AUTH_REQUIRED', '请先登录（Authorization: Bearer <令牌>）');
    try {
      req.user = await verifyAccessToken(this.options.jwtSecret, token);
    } catch (err) {
      throw DomainError.unauthenticated('TOKEN_INVALID', err instanceof InvalidTokenError ? err.message : '令牌无效');
    }
    if (!req.user.roles.some((r) => roles.includes(r))) {
      throw DomainError.forbidden('ROLE_FORBIDDEN', `当前角色无权执行此操作，需要：${roles.map((r) => ROLE_LABELS[r]).join('、')}`);
    }
    return true;
  }
}
