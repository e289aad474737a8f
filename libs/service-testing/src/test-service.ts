import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createService } from '@pipeline/service';

export interface TestServiceOptions {
  /** The service's name (SERVICE_NAME): its logs, metrics and API document. */
  name: string;
  /** Subscribe its `@OnEvent` handlers, as a consuming service's main.ts does. */
  consumes?: boolean;
  /** HTTP_BODY_LIMIT (64kb when absent, as the env's default). */
  bodyLimit?: string;
  /** The lowest level logged; `error` when absent, so a passing run stays quiet. */
  logLevel?: string;
  /** Receives each JSON log line (else they go to stdout). */
  logLines?: (line: string) => void;
}

/**
 * Starts a service for an integration test the way production does
 * (createService, which startService uses): JSON logs, request tracing,
 * correlation, metrics, HTTP conventions, API document, and for a consuming
 * service the consumer with its processed-event log. It does not listen:
 * requests go to `app.getHttpServer()`. Close it with `app.close()`.
 */
export function startTestService(module: Type | DynamicModule, opts: TestServiceOptions): Promise<NestExpressApplication> {
  const { logLines } = opts;
  return createService(module, {
    name: opts.name,
    title: opts.name,
    description: 'integration test',
    bodyLimit: opts.bodyLimit ?? '64kb',
    // two fetches at a time, not the env's default: enough to show concurrency on a test's few partitions
    consumer: opts.consumes ? { partitionsConcurrency: 2 } : undefined,
    logLevel: opts.logLevel ?? 'error',
    logDestination: logLines && { write: (chunk: string) => chunk.split('\n').filter(Boolean).forEach(logLines) },
  });
}
