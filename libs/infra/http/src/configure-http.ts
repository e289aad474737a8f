import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { createApiDocument } from './api-document';
import { correlationMiddleware } from './correlation';
import { HttpErrorFilter } from './error.filter';
import { DEFAULT_CORS_ORIGINS, hardenHttp } from './hardening';
import { createValidationPipe } from './validation';

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

