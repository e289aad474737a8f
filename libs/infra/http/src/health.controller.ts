import { Controller, Get, HttpCode, Inject, Optional, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Response } from 'express';
import type { Connection } from 'mongoose';
import { ConsumerStatus } from '@pipeline/kafka';
import { OutboxRelay } from '@pipeline/mongo';

export interface ServiceInfo {
  name: string;
  version: string;
  /** A service whose consumer is not consuming is not ready. */
  consumes: boolean;
}

export const SERVICE_INFO = Symbol('SERVICE_INFO');

type Check = { status: 'up' | 'down'; [k: string]: unknown };

/**
 * /health/live: the process runs. /health/ready (and /health): the store
 * answers, the consumer is in its group, so traffic can be sent here.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
    @Optional() @Inject(getConnectionToken()) private readonly connection?: Connection,
    @Optional() private readonly consumer?: ConsumerStatus,
    @Optional() private readonly outbox?: OutboxRelay,
  ) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok', service: this.info.name, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) };
  }

  @Get()
  async health(@Res() res: Response) {
    return this.ready(res);
  }

  @Get('ready')
  async ready(@Res() res: Response) {
    const checks: Record<string, Check> = {};
    if (this.connection) checks.store = await this.storeCheck(this.connection);
    if (this.info.consumes && this.consumer) {
      const s = this.consumer.snapshot();
      checks.consumer = { status: s.state === 'consuming' ? 'up' : 'down', state: s.state, lastError: s.lastError, topics: s.topics };
    }
    if (this.outbox) checks.outbox = { status: 'up', backlog: this.outbox.backlog };
    const ok = Object.values(checks).every((c) => c.status === 'up');
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'unavailable',
      service: this.info.name,
      version: this.info.version,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      checks,
    });
  }

  private async storeCheck(connection: Connection): Promise<Check> {
    const t0 = Date.now();
    try {
      if (connection.readyState !== 1 || !connection.db) return { status: 'down', error: '未连接' };
      await Promise.race([
        connection.db.admin().ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('ping 超时')), 1_000)),
      ]);
      return { status: 'up', latencyMs: Date.now() - t0 };
    } catch (err) {
      return { status: 'down', error: (err as Error).message };
    }
  }
}
