import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainError } from '@pipeline/contracts';
import { isOperationalPath } from '@pipeline/observability';
import type { AuthenticatedRequest } from './auth.guard';

/**
 * Requests per minute per person: the signed-in user, else the Open311
 * client's api_key, else the address. Runs after the auth guard, which has
 * put the user on the request. Kafka handlers are not limited.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    // probes of orchestrators and load balancers, and Prometheus, are not people
    if (isOperationalPath(context.switchToHttp().getRequest<AuthenticatedRequest>().path)) return true;
    return super.canActivate(context);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as unknown as AuthenticatedRequest;
    if (r.user) return `user:${r.user.sub}`;
    const key = (r.body as Record<string, unknown> | undefined)?.api_key ?? r.query?.api_key;
    if (typeof key === 'string' && key) return `open311:${key}`;
    return `ip:${r.ip}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new DomainError('too_many', 'RATE_LIMITED', `请求过于频繁，请 ${Math.ceil(detail.timeToBlockExpire || detail.timeToExpire)} 秒后再试`);
  }
}
