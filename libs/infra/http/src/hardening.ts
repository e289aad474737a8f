import { isUtf8 } from 'node:buffer';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { ErrorBody } from '@pipeline/contracts';

/** Keys that would reach the store as query operators or rewrite prototypes. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any body of ours; deeper ones are only good for exhausting a parser. */
const MAX_DEPTH = 32;

export interface HardeningOptions {
  bodyLimit: string;
  /** Origins a browser may call from (the console's); none other gets CORS headers. */
  corsOrigins: string[];
}

export const DEFAULT_CORS_ORIGINS = ['http://127.0.0.1:3000', 'http://localhost:3000'];

/**
 * The input hardening every HTTP app shares: body size limits, UTF-8 only,
 * no `$`-operators or prototype keys anywhere in a body or query, bounded
 * nesting, security headers, and CORS for the console's origin only.
 */
export function hardenHttp(app: INestApplication, options: HardeningOptions): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  app.use(helmet({ crossOriginResourcePolicy: { policy: 'same-site' } }));
  app.enableCors({ origin: options.corsOrigins, credentials: false, maxAge: 600 });
  const verify = (_req: unknown, _res: unknown, buf: Buffer) => {
    if (!isUtf8(buf)) throw Object.assign(new Error('请求体不是合法的 UTF-8 文本'), { status: 400, type: 'encoding.invalid' });
  };
  express.useBodyParser('json', { limit: options.bodyLimit, verify });
  express.useBodyParser('urlencoded', { limit: options.bodyLimit, extended: true, parameterLimit: 200, verify });
  app.use(rejectUnsafeInput);
}

/** The first problem in a parsed body or query, as a field path and message, or null. */
export function unsafeInput(value: unknown, path = '', depth = 0): { field: string; message: string } | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return { field: path || '(body)', message: `嵌套超过 ${MAX_DEPTH} 层` };
  for (const key of Object.keys(value)) {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    // `status[$ne]` is one key under Express 5's simple query parser, an operator under an extended one
    if (key.startsWith('$') || key.includes('[$') || FORBIDDEN_KEYS.has(key) || key.includes('\u0000')) return { field, message: `不允许的字段名 ${JSON.stringify(key)}` };
    const found = unsafeInput((value as Record<string, unknown>)[key], field, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Open311 (GeoReport v2) must answer in its own error format, so intake's
 * Open311 module refuses the same keys itself (open311 input checks).
 */
const CHECKED_ELSEWHERE = ['/open311/'];

function rejectUnsafeInput(req: Request, res: Response, next: NextFunction): void {
  if (CHECKED_ELSEWHERE.some((prefix) => req.path.startsWith(prefix))) return next();
  const problem = unsafeInput(req.query, 'query') ?? unsafeInput(req.body);
  if (!problem) return next();
  const body: ErrorBody = {
    statusCode: 400,
    code: 'UNSAFE_INPUT',
    message: '请求含有不允许的字段名或嵌套过深',
    errors: [{ field: problem.field, messages: [problem.message] }],
    correlationId: req.headers['x-correlation-id'] as string | undefined,
  };
  res.status(400).json(body);
}
