import { Logger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ClassConstructor } from 'class-transformer';
import { EnvValidationError, validateEnv } from '@pipeline/config';
import { PROCESSED_EVENT_STORE, connectEventConsumer } from '@pipeline/kafka';
import { correlationMiddleware } from './correlation';
import { HttpErrorFilter } from './error.filter';
import { createValidationPipe } from './validation';

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
}

/** Applies the HTTP conventions every service shares. */
export function configureHttp(app: INestApplication, bodyLimit: string): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: bodyLimit });
  express.useBodyParser('urlencoded', { limit: bodyLimit, extended: true, parameterLimit: 200 });
  app.use(correlationMiddleware);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
}

export function setupOpenApi(app: INestApplication, title: string, description: string): void {
  const config = new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1').build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'api/docs/openapi.json' });
}

/** Creates, configures and starts a service; SIGTERM drains and exits. */
export async function startService(module: Type | DynamicModule, opts: ServiceOptions): Promise<INestApplication> {
  const logger = new Logger(opts.name);
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, bufferLogs: false });
  configureHttp(app, opts.bodyLimit);
  setupOpenApi(app, opts.title, opts.description);
  app.enableShutdownHooks();
  // consuming services keep their processed-event log in their own store
  if (opts.consumer) connectEventConsumer(app, { ...opts.consumer, dedup: app.get(PROCESSED_EVENT_STORE) });
  // init first: bootstrap hooks create the topics the consumer is about to subscribe to
  await app.init();
  await app.startAllMicroservices();
  await app.listen(opts.port, opts.host);
  logger.log(`${opts.title} 已启动：http://${opts.host}:${opts.port}`);
  return app;
}
