import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LoggerService } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { isOperationalPath } from '../operational-paths';
import { traceLogFields } from '../tracing/log-fields';
import { currentLogContext } from './log-context';

export interface LoggingOptions {
  /** Written on every line as `service`. */
  service: string;
  /** A pino level or `silent` (LOG_LEVEL). */
  level: string;
  /** Where the JSON lines go; stdout when absent (tests pass a stream of their own). */
  destination?: DestinationStream;
}

export interface ServiceLogging {
  /** The root pino logger. */
  logger: Pino;
  /** Nest's logger (nestjs-pino's): every `new Logger(context)` of the app writes through it. */
  nest: LoggerService;
  /** One line per finished HTTP request (probes and scrapes excepted). */
  requests: RequestHandler;
}

/**
 * Structured logs: one JSON line per entry with level, time, service, msg
 * and, inside an HTTP request or a consumed event, its correlation id (and
 * the event id and topic), so one complaint can be followed across services.
 * The context comes from nestjs-cls (log-context.ts), the trace ids from the
 * active span, both through pino's mixin, so every line gets them, whoever
 * writes it.
 */
export function createLogging(opts: LoggingOptions): ServiceLogging {
  const logger = pino(
    {
      level: opts.level,
      base: { service: opts.service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      // level names, not numbers: readable in a terminal and in any log store
      formatters: { level: (label) => ({ level: label }) },
      // a line's own fields win over these (pino merges the mixin under them)
      mixin: () => ({ ...currentLogContext(), ...traceLogFields() }),
    },
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return { logger, nest: new NestPinoLogger(new AppPinoLogger(logger), {}), requests: requestLogger(logger) };
}

/**
 * nestjs-pino's PinoLogger on this app's root logger. nestjs-pino keeps one
 * root per process, built by the first app; tests run several apps (each
 * with its own service name, level and destination) in one process, so each
 * app's Nest logger is bound to its own root here. Its per-request child
 * loggers are not used: the context is on every line through the mixin.
 */
class AppPinoLogger extends PinoLogger {
  constructor(private readonly root: Pino) {
    super({ pinoHttp: { logger: root } });
  }

  override get logger(): Pino {
    return this.root;
  }
}

/** The path without its query string: a search term may be a caller's name or number. */
function pathOf(req: { url?: string; originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

/**
 * pino-http, mounted by the app ahead of everything (so requests refused
 * before routing are logged too), after the HTTP correlation middleware that
 * opens the request's context. Only method, path and status are logged:
 * headers carry tokens, query strings and bodies carry callers' data, none
 * belongs in a log. The line names the request's correlation id itself: the
 * context may be gone when the response finishes.
 */
function requestLogger(logger: Pino): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: () => currentLogContext()?.correlationId ?? randomUUID(),
    customSuccessObject: (req, _res, value) => ({ correlationId: req.id, ...value }),
    customErrorObject: (req, _res, _err, value) => ({ correlationId: req.id, ...value }),
    serializers: {
      req: (req: { method?: string; url?: string; originalUrl?: string }) => ({ method: req.method, url: pathOf(req) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    wrapSerializers: false,
    autoLogging: { ignore: (req) => isOperationalPath(pathOf(req)) },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req)} → ${res.statusCode}（${ms} ms）`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} → ${res.statusCode}`,
  }) as unknown as RequestHandler;
}
