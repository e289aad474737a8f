import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, STATUS_BY_KIND, type ErrorBody } from '@pipeline/contracts';
import { isTransientError } from '@pipeline/kafka';
import { correlationIdOf } from './correlation';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'RULE_VIOLATED',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  400: '请求有误',
  404: '资源不存在',
  413: '请求体过大',
  415: '不支持的内容类型',
  503: '服务暂时不可用，请稍后重试',
};

/**
 * Maps every failure to one body shape. Domain errors carry their own code
 * and status; body-parser failures (bad JSON, too large) become 400/413;
 * an unreachable store or broker is 503; anything else is a 500 that shows
 * no internals (the details go to the log with the correlation id).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = this.toBody(exception);
    body.correlationId = correlationIdOf(req);
    if (body.statusCode >= 500) {
      this.logger.error(`${req.method} ${req.originalUrl} → ${body.statusCode} [${body.correlationId}] ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: STATUS_BY_KIND[exception.kind], code: exception.code, message: exception.message, errors: exception.errors, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const r = typeof response === 'object' && response !== null ? (response as Partial<ErrorBody>) : {};
      // Nest turns body-parser's SyntaxError into a bare BadRequestException(message)
      if (status === 400 && r.code === undefined && /JSON/.test(exception.message)) {
        return { statusCode: 400, code: 'INVALID_JSON', message: '请求体不是合法的 JSON', errors: [{ field: '(body)', messages: [exception.message] }] };
      }
      return {
        statusCode: status,
        code: typeof r.code === 'string' ? r.code : (CODE_BY_STATUS[status] ?? 'ERROR'),
        message: typeof r.code === 'string' && typeof r.message === 'string' ? r.message : (MESSAGE_BY_STATUS[status] ?? exception.message),
        errors: r.errors,
      };
    }
    // body-parser errors carry status and type
    const e = exception as { status?: number; type?: string; message?: string } | null;
    if (e?.type === 'entity.parse.failed') {
      return { statusCode: 400, code: 'INVALID_JSON', message: '请求体不是合法的 JSON', errors: [{ field: '(body)', messages: [e.message ?? 'invalid JSON'] }] };
    }
    if (e?.type === 'entity.too.large') {
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' };
    }
    if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
      return { statusCode: 415, code: 'UNSUPPORTED_ENCODING', message: '不支持的编码' };
    }
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      return { statusCode: e.status, code: CODE_BY_STATUS[e.status] ?? 'BAD_REQUEST', message: MESSAGE_BY_STATUS[e.status] ?? '请求有误' };
    }
    if (isTransientError(exception)) {
      return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: MESSAGE_BY_STATUS[503] };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误' };
  }
}
