import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '@pipeline/auth';
import { StoreHealthIndicator, runHealthChecks, sendHealth } from '@pipeline/http';
import { SERVICE_NAMES, type ServiceKey } from './routes';

export const UPSTREAMS = Symbol('UPSTREAMS');

/**
 * /health/live: the gateway process runs. /health/ready: the gateway itself
 * can serve (its store answers; it has no broker and no consumer), so one
 * service being down does not take the whole public entry point out of a
 * load balancer. /health: the whole system, each service's /health/ready
 * beside the gateway's own checks. Open to anyone: probes carry no token.
 */
@Public()
@ApiExcludeController()
@Controller('health')
export class GatewayHealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(UPSTREAMS) private readonly targets: Record<ServiceKey, string>,
    private readonly terminus: HealthCheckService,
    private readonly store: StoreHealthIndicator,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok', service: 'gateway', uptimeSeconds: this.uptime() };
  }

  @Get('ready')
  async ready(@Res() res: Response) {
    sendHealth(res, 'gateway', await this.ownChecks(), { uptimeSeconds: this.uptime() });
  }

  @Get()
  async health(@Res() res: Response) {
    const [own, entries] = await Promise.all([
      this.ownChecks(),
      Promise.all(
        (Object.keys(this.targets) as ServiceKey[]).map(async (key) => {
          try {
            const r = await fetch(`${this.targets[key]}/health/ready`, { signal: AbortSignal.timeout(2_000) });
            return [SERVICE_NAMES[key], { status: r.ok ? 'up' : 'down', details: await r.json().catch(() => null) }] as const;
          } catch (err) {
            return [SERVICE_NAMES[key], { status: 'down', error: (err as Error).message }] as const;
          }
        }),
      ),
    ]);
    const ok = entries.every(([, s]) => s.status === 'up') && own.ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', service: 'gateway', checks: own.checks, services: Object.fromEntries(entries) });
  }

  private ownChecks() {
    return runHealthChecks(this.terminus, [() => this.store.check()]);
  }

  private uptime(): number {
    return Math.round((Date.now() - this.startedAt) / 1000);
  }
}
