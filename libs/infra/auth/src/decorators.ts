import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Principal, Role } from './roles';

export const ROLES_KEY = 'pipeline:roles';
export const PUBLIC_KEY = 'pipeline:public';

/**
 * Who may call an endpoint. Every endpoint says so or is refused: the guard
 * denies what declares nothing. The roles also go into the OpenAPI document
 * (`x-roles`), from which the security tests enumerate every endpoint.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiExtension('x-roles', roles),
    ApiUnauthorizedResponse({ description: '未登录或令牌无效、已过期' }),
    ApiForbiddenResponse({ description: '当前角色无权执行此操作' }),
  );
}

/** Open to anyone: health, login, API documents, the public Open311 reads (which have their own keys). */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));
}

/** The authenticated person (set by the guard). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user);
