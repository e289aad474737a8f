import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '@pipeline/auth';
import { BrokerHealthIndicator, ConsumerHealthIndicator, OutboxHealthIndicator, StoreHealthIndicator } from './health.indicators';

export interface ServiceInfo {
  name: string;
  version: string;
  /** A service whose consumer is not consuming is not ready. */
  consumes: boolean;
}

export const SERVICE_INFO = Symbol('SERVICE_INFO');

/** One named check of a readiness answer; anything beside `status` is detail. */
export type HealthCheck = { status: 'up' | 'down'; [detail: string]: unknown };

/** What probes, the gateway's /health and the fault suite read. */
export interface HealthBody {
  status: 'ok' | 'unavailable';
  service: string;
  checks: Record<string, HealthCheck>;
  [detail: string]: unknown;
}

/**
 * Runs the indicators through terminus and answers in the body every reader
 * knows: 200 when every check is up, else 503; the body names each check
 * either way (terminus answers a failed check with a 503 carrying the same
 * result, and a shutting-down app with no checks at all).
 */
export async function runHealthChecks(health: HealthCheckService, indicators: HealthIndicatorFunction[]): Promise<{ ok: boolean; checks: Record<string, HealthCheck> }> {
  let result: HealthCheckResult;
  try {
    result = await health.check(indicators);
  } catch (err) {
    if (!(err instanceof ServiceUnavailableException)) throw err;
    result = err.getResponse() as HealthCheckResult;
  }
  return { ok: result.status === 'ok', checks: (result.details ?? {}) as Record<string, HealthCheck> };
}

/** Writes a health answer: its status code, and the body with the app's details before its checks. */
export function sendHealth(res: Response, service: string, answer: { ok: boolean; checks: Record<string, HealthCheck> }, details: Record<string, unknown> = {}): void {
  const body: HealthBody = { status: answer.ok ? 'ok' : 'unavailable', service, ...details, checks: answer.checks };
  res.status(answer.ok ? 200 : 503).json(body);
}

/**
 * /health/live: the process runs (touches nothing else, so a slow store never
 * gets a live process restarted). /health/ready (and /health, as before): the
 * broker and the store answer and, in a consuming service, the consumer is in
 * its group and fetching; 503 otherwise. Every check is named in the body.
 * Open to anyone: probes carry no token.
 */
@Public()
@ApiExcludeController()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
    private readonly terminus: HealthCheckService,
    private readonly store: StoreHealthIndicator,
    private readonly broker: BrokerHealthIndicator,
    private readonly consumer: ConsumerHealthIndicator,
    private readonly outbox: OutboxHealthIndicator,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok', service: this.info.name, version: this.info.version, uptimeSeconds: this.uptime() };
  }

  @Get()
  async health(@Res() res: Response) {
    return this.ready(res);
  }

  @Get('ready')
  async ready(@Res() res: Response) {
    const answer = await runHealthChecks(this.terminus, [
      () => this.store.check(),
      () => this.broker.check(),
      ...(this.info.consumes ? [() => this.consumer.check()] : []),
      () => this.outbox.check(),
    ]);
    sendHealth(res, this.info.name, answer, { version: this.info.version, uptimeSeconds: this.uptime() });
  }

  private uptime(): number {
    return Math.round((Date.now() - this.startedAt) / 1000);
  }
}
