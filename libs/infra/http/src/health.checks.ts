import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { Connection } from 'mongoose';
import { KAFKA_OPTIONS, describeError, type ConsumerStatus, type KafkaModuleOptions } from '@pipeline/kafka';

/** One named check of a readiness answer; anything beside `status` is detail. */
export type HealthCheck = { status: 'up' | 'down'; [detail: string]: unknown };

export interface HealthBody {
  status: 'ok' | 'unavailable';
  service: string;
  checks: Record<string, HealthCheck>;
  [detail: string]: unknown;
}

/** 200 when every check is up, else 503; the body names each check either way. */
export function sendHealth(res: Response, service: string, checks: Record<string, HealthCheck>, details: Record<string, unknown> = {}): void {
  const ok = Object.values(checks).every((c) => c.status === 'up');
  const body: HealthBody = { status: ok ? 'ok' : 'unavailable', service, ...details, checks };
  res.status(ok ? 200 : 503).json(body);
}

/** Rejects when `work` takes longer than `ms`. */
export function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} 超过 ${ms} ms 未应答`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The store answers a ping. */
export async function storeCheck(connection: Connection, timeoutMs = 1_000): Promise<HealthCheck> {
  const t0 = Date.now();
  try {
    if (connection.readyState !== 1 || !connection.db) return { status: 'down', error: '未连接' };
    await within(connection.db.admin().ping(), timeoutMs, 'ping');
    return { status: 'up', latencyMs: Date.now() - t0 };
  } catch (err) {
    return { status: 'down', error: (err as Error).message };
  }
}

/** Up only while the consumer is in its group and fetching: `consuming`. */
export function consumerCheck(consumer: ConsumerStatus): HealthCheck {
  const s = consumer.snapshot();
  return { status: s.state === 'consuming' ? 'up' : 'down', state: s.state, lastError: s.lastError, topics: s.topics };
}

/**
 * Asks the broker for cluster metadata over a connection of its own, with
 * short timeouts and no retries, so an unreachable broker answers "down" in
 * about a second instead of after the service's own patient retries.
 * Concurrent probes share one request.
 */
@Injectable()
export class BrokerProbe implements OnApplicationShutdown {
  private admin: Admin | null = null;
  private pending: Promise<HealthCheck> | null = null;

  constructor(@Optional() @Inject(KAFKA_OPTIONS) private readonly options?: KafkaModuleOptions) {}

  /** False in an app without Kafka (the gateway). */
  get enabled(): boolean {
    return !!this.options;
  }

  check(timeoutMs = 1_500): Promise<HealthCheck> {
    this.pending ??= this.probe(timeoutMs).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async probe(timeoutMs: number): Promise<HealthCheck> {
    const t0 = Date.now();
    const left = () => Math.max(100, timeoutMs - (Date.now() - t0));
    const ask = async () => {
      const admin = await within(this.connected(), left(), 'Kafka 连接');
      return within(admin.describeCluster(), left(), 'Kafka 元数据请求');
    };
    const reused = this.admin !== null;
    try {
      let cluster;
      try {
        cluster = await ask();
      } catch (err) {
        // a kept connection may have died with a broker that has since come back: one fresh try
        await this.reset();
        if (!reused) throw err;
        cluster = await ask();
      }
      return { status: 'up', latencyMs: Date.now() - t0, brokers: cluster.brokers.length };
    } catch (err) {
      await this.reset();
      return { status: 'down', error: describeError(err) };
    }
  }

  private async connected(): Promise<Admin> {
    if (this.admin) return this.admin;
    const options = this.options;
    if (!options) throw new Error('此服务未配置 Kafka');
    const admin = new Kafka({
      clientId: `${options.serviceName}-health`,
      brokers: options.brokers,
      connectionTimeout: 1_000,
      requestTimeout: 1_500,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    }).admin();
    this.admin = admin;
    await admin.connect();
    return admin;
  }

  private async reset(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reset();
  }
}
