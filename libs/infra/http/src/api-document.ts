import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** What a service's OpenAPI document says of itself. */
export interface ApiDocumentInfo {
  title: string;
  description: string;
}

/** The one document configuration: served by the running service and built offline alike. */
export function apiDocumentConfig(info: ApiDocumentInfo): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder().setTitle(info.title).setDescription(info.description).setVersion('1').build();
}

export function createApiDocument(app: INestApplication, info: ApiDocumentInfo): OpenAPIObject {
  return SwaggerModule.createDocument(app, apiDocumentConfig(info));
}

/**
 * A service's OpenAPI document without starting it. Nest's preview mode scans
 * the module graph (controllers, routes, DTO metadata) but instantiates no
 * provider, so nothing connects to Kafka or the store. The app is left
 * unclosed on purpose: closing would run shutdown hooks on providers that were
 * never constructed.
 */
export async function previewApiDocument(module: Type | DynamicModule, info: ApiDocumentInfo): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
  return createApiDocument(app, info);
}

/** The entry a service's build ships as openapi.js: its document on stdout, for `npm run api:types`. */
export async function printApiDocument(module: Type | DynamicModule, info: ApiDocumentInfo): Promise<void> {
  const doc = await previewApiDocument(module, info);
  process.stdout.write(`${JSON.stringify(doc)}\n`, () => process.exit(0));
}
