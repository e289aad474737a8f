import { Logger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { ClassConstructor } from 'class-transformer';
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import { EnvValidationError, RuntimeEnv, TracingEnv, validateEnv } from '@pipeline/config';
import { PROCESSED_EVENT_STORE, connectEventConsumer } from '@pipeline/kafka';
import { startTracing, traceHttpRequests, type Tracing } from '@pipeline/tracing';
import { createApiDocument } from './api-document';
import { correlationMiddleware } from './correlation';
import { HttpErrorFilter } from './error.filter';
import { DEFAULT_CORS_ORIGINS, hardenHttp } from './hardening';
import { createLogging } from './logging';
import { httpMetrics } from './metrics/http-metrics';
import { ServiceMetrics } from './metrics/service-metrics';
import { createValidationPipe } from './validation';

/**
 * Starts OpenTelemetry tracing for the process from the standard OTEL_*
 * variables: off (a no-op) unless an OTLP endpoint is set. Call before the
 * app is created, so the request spans and log lines see it.
 */
export function startServiceTracing(serviceName: string): Tracing {
  return startTracing(serviceName, loadEnv(TracingEnv));
}

/** Validates the environment once; a bad variable ends the process with its name. */
export function loadEnv<T extends object>(cls: ClassConstructor<T>): T {
  try {
    return validateEnv(cls, process.env);
  } catch (err) {
    if (err instanceof EnvValidationError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

export interface ServiceOptions {
  name: string;
  title: string;
  description: string;
  host: string;
  port: number;
  bodyLimit: string;
  /** Subscribe the app's `@OnEvent` handlers under this consumer group. */
  consumer?: { partitionsConcurrency: number };
  /** LOG_LEVEL; read from the environment (RuntimeEnv) when absent. */
  logLevel?: string;
  /** Where the JSON log lines go (stdout when absent). */
  logDestination?: DestinationStream;
}

/** How long a SIGTERM may take before the process gives up waiting and exits. */
const SHUTDOWN_DEADLINE_MS = 25_000;

/** Applies the HTTP conventions every service shares: input hardening first (hardening.ts), then correlation, validation and errors. */
export function configureHttp(app: INestApplication, bodyLimit: string, corsOrigins: string[] = DEFAULT_CORS_ORIGINS): void {
  hardenHttp(app, { bodyLimit, corsOrigins });
  app.use(correlationMiddleware);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
}

export function setupOpenApi(app: INestApplication, title: string, description: string): void {
  SwaggerModule.setup('api/docs', app, () => createApiDocument(app, { title, description }), { jsonDocumentUrl: 'api/docs/openapi.json' });
}

/**
 * Creates and initialises a service without listening: JSON logs, HTTP
 * conventions, API document and, for a consuming service, the consumer
 * (started). `startService` listens; tests use this directly.
 */
export async function createService(module: Type | DynamicModule, opts: Omit<ServiceOptions, 'host' | 'port'>): Promise<NestExpressApplication> {
  // the one place besides the app's own env class that reads the environment: tracing and the logger exist before the app
  startServiceTracing(opts.name);
  const logging = createLogging({ service: opts.name, level: opts.logLevel ?? loadEnv(RuntimeEnv).LOG_LEVEL, destination: opts.logDestination });
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, logger: logging.nest });
  // the request's span, then correlation id, request log and HTTP metrics ahead of everything, so refused bodies (413, bad JSON) are logged and counted too
  app.use(traceHttpRequests);
  app.use(correlationMiddleware);
  app.use(logging.requests);
  app.use(httpMetrics(app.get(ServiceMetrics)));
  configureHttp(app, opts.bodyLimit);
  setupOpenApi(app, opts.title, opts.description);
  // consuming services keep their processed-event log in their own store
  if (opts.consumer) connectEventConsumer(app, { ...opts.consumer, dedup: app.get(PROCESSED_EVENT_STORE) });
  // init first: bootstrap hooks create the topics the consumer is about to subscribe to
  await app.init();
  await app.startAllMicroservices();
  return app;
}

/**
 * Creates, configures and starts a service. SIGTERM (or SIGINT) shuts it down
 * gracefully: HTTP stops accepting and finishes the requests in flight, the
 * consumer stops fetching, lets its batches finish and commits them, the
 * outbox relay finishes its pass, connections close, and the process exits 0.
 */
export async function startService(module: Type | DynamicModule, opts: ServiceOptions): Promise<INestApplication> {
  const app = await createService(module, opts);
  const logger = new Logger(opts.name);
  enableGracefulShutdown(app, logger);
  await app.listen(opts.port, opts.host);
  logger.log(`${opts.title} 已启动：http://${opts.host}:${opts.port}`);
  return app;
}

/**
 * Nest's shutdown hooks (app.close() on a signal, then exit 0), plus what they
 * leave out: keep-alive connections of requests that were in flight are closed
 * once idle instead of after their keep-alive timeout, and a shutdown that
 * hangs is cut off after SHUTDOWN_DEADLINE_MS.
 */
export function enableGracefulShutdown(app: INestApplication, logger: Logger): void {
  app.enableShutdownHooks([], { useProcessExit: true });
  closeIdleConnectionsOnClose(app.getHttpServer() as Server);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`收到 ${signal}，开始停机：不再接收新请求，等待处理中的请求和消息完成`);
      setTimeout(() => {
        logger.error(`停机超过 ${SHUTDOWN_DEADLINE_MS / 1000} 秒仍未完成，强制退出`);
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
    });
  }
}

/**
 * server.close() stops accepting at once and waits for open connections; a
 * keep-alive connection whose request was in flight would stay open for its
 * keep-alive timeout after answering. Closing idle connections as they
 * become idle ends the wait as soon as the last answer is out.
 */
function closeIdleConnectionsOnClose(server: Server): void {
  const close = server.close.bind(server);
  server.close = ((callback?: (err?: Error) => void) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100).unref();
    return close((err?: Error) => {
      clearInterval(sweep);
      callback?.(err);
    });
  }) as Server['close'];
}
