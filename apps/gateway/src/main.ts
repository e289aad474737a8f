import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { ServiceMetrics, configureHttp, correlationMiddleware, createApiDocument, createLogging, enableGracefulShutdown, httpMetrics, loadEnv, startServiceTracing } from '@pipeline/http';
import { traceHttpRequests } from '@pipeline/tracing';
import { GATEWAY_DOCUMENT } from './api-document';
import { AppModule } from './app.module';
import { consoleStatic, defaultConsoleDir } from './console/console-static';
import { OpenApiController } from './docs/openapi.controller';
import type { OpenApiDoc } from './docs/openapi-merge';
import { GatewayEnv } from './gateway.env';
import { createGatewayProxy } from './routing/proxy.middleware';
import { proxiedRouteLabel, upstreams } from './routing/routes';

async function main() {
  const env = loadEnv(GatewayEnv);
  startServiceTracing('gateway');
  const logging = createLogging({ service: 'gateway', level: env.LOG_LEVEL });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), { bodyParser: false, logger: logging.nest });
  // the proxy goes first so proxied bodies are streamed, never parsed here;
  // proxied requests are logged, counted and traced here too (the trace continues upstream), with the correlation id the services see
  app.use(traceHttpRequests);
  app.use(correlationMiddleware);
  app.use(logging.requests);
  app.use(httpMetrics(app.get(ServiceMetrics), { unmatchedRoute: proxiedRouteLabel }));
  app.use(createGatewayProxy(upstreams(env)));
  configureHttp(app, env.HTTP_BODY_LIMIT);
  // the web console at the base URL (static files, SPA fallback); the APIs stay under /api
  app.use(consoleStatic(env.CONSOLE_DIR ?? defaultConsoleDir()));
  // the gateway's own endpoints (sign-in, users, its audit log) join the merged document
  const own = createApiDocument(app, GATEWAY_DOCUMENT);
  app.get(OpenApiController).useOwnDocument(own as unknown as OpenApiDoc);
  // Swagger UI over the merged document of every service (OpenApiController)
  SwaggerModule.setup('api/docs', app, { openapi: '3.0.0', info: { title: '', version: '1' }, paths: {} }, {
    jsonDocumentUrl: 'api/docs/gateway.json',
    swaggerOptions: { url: '/api/docs/openapi.json' },
    customSiteTitle: '诉转案系统 API 文档',
  });
  const logger = new Logger('gateway');
  // SIGTERM: stop accepting, finish the requests in flight (proxied ones included), exit
  enableGracefulShutdown(app, logger);
  await app.listen(env.PORT, env.HOST);
  logger.log(`统一入口已启动：http://${env.HOST}:${env.PORT}`);
}

void main();
