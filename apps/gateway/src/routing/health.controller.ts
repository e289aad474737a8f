import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SERVICE_NAMES, type ServiceKey } from './routes';

export const UPSTREAMS = Symbol('UPSTREAMS');

/** The whole system's readiness in one answer: each service's /health/ready. */
@ApiExcludeController()
@Controller('health')
export class GatewayHealthController {
  constructor(@Inject(UPSTREAMS) private readonly targets: Record<ServiceKey, string>) {}

  @Get('live')
  live() {
    return { status: 'ok', service: 'gateway' };
  }

  @Get()
  async health(@Res() res: Response) {
    const entries = await Promise.all(
      (Object.keys(this.targets) as ServiceKey[]).map(async (key) => {
        try {
          const r = await fetch(`${this.targets[key]}/health/ready`, { signal: AbortSignal.timeout(2_000) });
          return [SERVICE_NAMES[key], { status: r.ok ? 'up' : 'down', details: await r.json().catch(() => null) }] as const;
        } catch (err) {
          return [SERVICE_NAMES[key], { status: 'down', error: (err as Error).message }] as const;
        }
      }),
    );
    const services = Object.fromEntries(entries);
    const ok = entries.every(([, s]) => s.status === 'up');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', service: 'gateway', services });
  }

  @Get('ready')
  ready(@Res() res: Response) {
    return this.health(res);
  }
}
