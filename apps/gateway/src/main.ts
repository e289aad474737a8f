import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { configureHttp, correlationMiddleware, loadEnv } from '@pipeline/http';
import { AppModule } from './app.module';
import { GatewayEnv } from './gateway.env';
import { createGatewayProxy } from './routing/proxy.middleware';
import { upstreams } from './routing/routes';

async function main() {
  const env = loadEnv(GatewayEnv);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), { bodyParser: false });
  // the proxy goes first so proxied bodies are streamed, never parsed here
  app.use(correlationMiddleware);
  app.use(createGatewayProxy(upstreams(env)));
  configureHttp(app, env.HTTP_BODY_LIMIT);
  // Swagger UI over the merged document of every service (OpenApiController)
  SwaggerModule.setup('api/docs', app, { openapi: '3.0.0', info: { title: '', version: '1' }, paths: {} }, {
    jsonDocumentUrl: 'api/docs/gateway.json',
    swaggerOptions: { url: '/api/docs/openapi.json' },
    customSiteTitle: '诉转案系统 API 文档',
  });
  app.enableShutdownHooks();
  await app.listen(env.PORT, env.HOST);
  new Logger('gateway').log(`统一入口已启动：http://${env.HOST}:${env.PORT}`);
}

void main();
