import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { Connection } from 'mongoose';
import { ConsumerStatus, KAFKA_OPTIONS, describeError, type KafkaModuleOptions } from '@pipeline/kafka';
import { OutboxRelay } from '@pipeline/mongo';

/**
 * Terminus indicators for what terminus has none of (our broker probe, the
 * consumer's state, the outbox backlog) and the store (terminus's mongoose
 * ping reports no latency and names its error `message`; probes and the
 * gateway read `error`). Each returns `{}` in an app without the thing it
 * checks, so one controller serves every app.
 */

/** An empty result: this app has nothing of the kind to check. */
const NOTHING: HealthIndicatorResult = {};

/** Rejects when `work` takes longer than `ms`. */
export function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} 超过 ${ms} ms 未应答`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The store answers a ping. */
@Injectable()
export class StoreHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(getConnectionToken()) private readonly connection?: Connection,
  ) {}

  async check(key = 'store', timeoutMs = 1_000): Promise<HealthIndicatorResult> {
    const connection = this.connection;
    if (!connection) return NOTHING;
    const indicator = this.indicators.check(key);
    const t0 = Date.now();
    try {
      if (connection.readyState !== 1 || !connection.db) return indicator.down({ error: '未连接' });
      await within(connection.db.admin().ping(), timeoutMs, 'ping');
      return indicator.up({ latencyMs: Date.now() - t0 });
    } catch (err) {
      return indicator.down({ error: (err as Error).message });
    }
  }
}

/** Up only while the consumer is in its group and fetching: `consuming`. */
@Injectable()
export class ConsumerHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Optional() private readonly consumer?: ConsumerStatus,
  ) {}

  check(key = 'consumer'): HealthIndicatorResult {
    if (!this.consumer) return NOTHING;
    const s = this.consumer.snapshot();
    const indicator = this.indicators.check(key);
    const details = { state: s.state, lastError: s.lastError, topics: s.topics };
    return s.state === 'consuming' ? indicator.up(details) : indicator.down(details);
  }
}

/** Reported, never failing: a backlog while the broker is away is expected and drains by itself. */
@Injectable()
export class OutboxHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Optional() private readonly outbox?: OutboxRelay,
  ) {}

  check(key = 'outbox'): HealthIndicatorResult {
    return this.outbox ? this.indicators.check(key).up({ backlog: this.outbox.backlog }) : NOTHING;
  }
}

/**
 * Asks the broker for cluster metadata over a connection of its own, with
 * short timeouts and no retries, so an unreachable broker answers "down" in
 * about a second instead of after the service's own patient retries.
 * Concurrent probes share one request.
 */
@Injectable()
export class BrokerHealthIndicator implements OnApplicationShutdown {
  private admin: Admin | null = null;
  private pending: Promise<HealthIndicatorResult> | null = null;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(KAFKA_OPTIONS) private readonly options?: KafkaModuleOptions,
  ) {}

  /** Nothing to check in an app without Kafka (the gateway). */
  check(key = 'broker', timeoutMs = 1_500): Promise<HealthIndicatorResult> {
    if (!this.options) return Promise.resolve(NOTHING);
    this.pending ??= this.probe(key, timeoutMs).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async probe(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
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
      return indicator.up({ latencyMs: Date.now() - t0, brokers: cluster.brokers.length });
    } catch (err) {
      await this.reset();
      return indicator.down({ error: describeError(err) });
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
