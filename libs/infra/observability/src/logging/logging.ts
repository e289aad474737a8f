import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LoggerService } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { pino, type DestinationStream, type Level, type Logger as Pino } from 'pino';
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
  /** Nest's logger: every `new Logger(context)` of the app writes through it. */
  nest: LoggerService;
  /** One line per finished HTTP request (probes and scrapes excepted). */
  requests: RequestHandler;
}

/**
 * Structured logs: one JSON line per entry with level, time, service, msg
 * and, inside an HTTP request or a consumed event, its correlation id (and
 * the event id and topic), so one complaint can be followed across services.
 */
export function createLogging(opts: LoggingOptions): ServiceLogging {
  const logger = pino(
    {
      level: opts.level,
      base: { service: opts.service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      // level names, not numbers: readable in a terminal and in any log store
      formatters: { level: (label) => ({ level: label }) },
      // trace_id and span_id of the work in progress when tracing is on (nothing when off)
      mixin: traceLogFields,
    },
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return { logger, nest: new PinoNestLogger(logger), requests: requestLogger(logger) };
}

const STACK = /\n\s+at /;

/**
 * Nest's LoggerService over pino. Nest passes a logger's context as the last
 * parameter and, for errors, a stack before it; the work's log context
 * (correlation id, event) comes from the async context of the caller.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = { ...currentLogContext() };
    const rest = [...params];
    const last = rest.at(-1);
    if (typeof last === 'string' && !STACK.test(last)) fields.context = rest.pop();
    const extra: unknown[] = [];
    for (const p of rest) {
      if (p === undefined) continue;
      if (typeof p === 'string' && STACK.test(p)) fields.stack = p;
      else if (p instanceof Error) fields.err = p;
      else if (p && typeof p === 'object') Object.assign(fields, p);
      else extra.push(p);
    }
    if (extra.length) fields.params = extra;
    let msg: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      msg = message.message;
    } else if (message && typeof message === 'object') {
      const { msg: m, message: mm, ...other } = message as Record<string, unknown>;
      Object.assign(fields, other);
      msg = typeof m === 'string' ? m : typeof mm === 'string' ? mm : undefined;
    } else {
      msg = String(message);
    }
    this.logger[level](fields, msg);
  }
}

/** The path without its query string: a search term may be a caller's name or number. */
function pathOf(req: { url?: string; originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

/**
 * pino-http, bound to the correlation id (opened by the HTTP correlation middleware, which
 * runs first). Only method, path and status are logged: headers carry tokens,
 * query strings and bodies carry callers' data, none belongs in a log.
 */
function requestLogger(logger: Pino): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: () => currentLogContext()?.correlationId ?? randomUUID(),
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
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
