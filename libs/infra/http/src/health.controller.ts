import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Response } from 'express';
import type { Connection } from 'mongoose';
import { Public } from '@pipeline/auth';
import { ConsumerStatus } from '@pipeline/kafka';
import { OutboxRelay } from '@pipeline/mongo';
import { BrokerProbe, consumerCheck, sendHealth, storeCheck, type HealthCheck } from './health.checks';

export interface ServiceInfo {
  name: string;
  version: string;
  /** A service whose consumer is not consuming is not ready. */
  consumes: boolean;
}

export const SERVICE_INFO = Symbol('SERVICE_INFO');

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
    @Optional() @Inject(getConnectionToken()) private readonly connection?: Connection,
    @Optional() private readonly consumer?: ConsumerStatus,
    @Optional() private readonly outbox?: OutboxRelay,
    @Optional() private readonly broker?: BrokerProbe,
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
    const checks: Record<string, HealthCheck> = {};
    const [store, broker] = await Promise.all([
      this.connection ? storeCheck(this.connection) : undefined,
      this.broker?.enabled ? this.broker.check() : undefined,
    ]);
    if (store) checks.store = store;
    if (broker) checks.broker = broker;
    if (this.info.consumes && this.consumer) checks.consumer = consumerCheck(this.consumer);
    // reported, never failing: a backlog while the broker is away is expected and drains by itself
    if (this.outbox) checks.outbox = { status: 'up', backlog: this.outbox.backlog };
    sendHealth(res, this.info.name, checks, { version: this.info.version, uptimeSeconds: this.uptime() });
  }

  private uptime(): number {
    return Math.round((Date.now() - this.startedAt) / 1000);
  }
}
