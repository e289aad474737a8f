import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { HEADERS } from '@pipeline/contracts';
import { runWithLogContext } from '@pipeline/observability';

const VALID = /^[A-Za-z0-9._:-]{8,100}$/;

type CorrelatedRequest = Request & { correlationId?: string };

/**
 * Reads the caller's correlation id (or makes one), echoes it back, and runs
 * the rest of the request inside a log context (a nestjs-cls context)
 * carrying it, so every line logged while handling the request names it.
 * Runs once per request: apps install it ahead of everything, and
 * configureHttp again for apps tests build by hand.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (correlationIdOf(req)) return next();
  const given = req.header(HEADERS.correlationId);
  const id = given && VALID.test(given) ? given : randomUUID();
  (req as CorrelatedRequest).correlationId = id;
  // kept on the request headers too, so the gateway's proxy forwards it upstream
  req.headers[HEADERS.correlationId] = id;
  res.setHeader(HEADERS.correlationId, id);
  runWithLogContext({ correlationId: id }, next);
}

export function correlationIdOf(req: unknown): string | undefined {
  return (req as CorrelatedRequest | undefined)?.correlationId;
}
