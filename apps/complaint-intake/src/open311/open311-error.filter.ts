import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { correlationIdOf } from '@pipeline/http';
import { DomainError, STATUS_BY_KIND, type FieldError } from '@pipeline/contracts';
import { isTransientError } from '@pipeline/kafka';
import { Open311ApiKeyError } from './open311.errors';
import { CONTENT_TYPES, formatOf } from './open311.format';
import { toXml } from './open311.xml';

export interface Open311Error {
  code: number;
  description: string;
}

const MESSAGES: Record<number, string> = {
  400: '请求有误',
  403: '无权访问',
  404: '资源不存在',
  405: '不支持该请求方法',
  413: '请求体过大：请缩短内容，图片等请以 media_url 链接提交',
  415: '不支持的内容类型',
  500: '服务器内部错误',
  503: '服务暂时不可用，请稍后重试',
};

const errorsOf = (status: number, descriptions: string[]) => ({ status, errors: descriptions.map((description) => ({ code: status, description })) });
const fieldDescriptions = (errors: FieldError[]) => errors.map((e) => (e.messages.some((m) => m.includes(e.field)) ? e.messages.join('；') : `${e.field}：${e.messages.join('；')}`));

/** Any failure as the spec's error list; the HTTP status is each error's code. */
export function toOpen311Errors(exception: unknown): { status: number; errors: Open311Error[] } {
  if (exception instanceof Open311ApiKeyError) return errorsOf(403, [exception.message]);
  if (exception instanceof DomainError) {
    const status = STATUS_BY_KIND[exception.kind];
    return errorsOf(status, exception.errors?.length ? fieldDescriptions(exception.errors) : [exception.message]);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const r = exception.getResponse() as { errors?: FieldError[] } | string;
    if (typeof r === 'object' && r.errors?.length) return errorsOf(status, fieldDescriptions(r.errors));
    // Nest turns body-parser's SyntaxError into a bare BadRequestException(message)
    if (status === 400 && /JSON/.test(exception.message)) return errorsOf(400, ['请求体不是合法的 JSON']);
    return errorsOf(status, [MESSAGES[status] ?? MESSAGES[400]]);
  }
  // body-parser errors carry status and type
  const e = exception as { status?: number; type?: string } | null;
  if (e?.type === 'entity.parse.failed') return errorsOf(400, ['请求体不是合法的 JSON']);
  if (e?.type === 'entity.too.large' || e?.type === 'parameters.too.many') return errorsOf(413, [MESSAGES[413]]);
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return errorsOf(400, ['请求体的编码不受支持，请使用 UTF-8']);
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return errorsOf(e.status, [MESSAGES[e.status] ?? MESSAGES[400]]);
  if (isTransientError(exception)) return errorsOf(503, [MESSAGES[503]]);
  return errorsOf(500, [MESSAGES[500]]);
}

const logger = new Logger('Open311');

/** Answers a failure in the spec's error format, as XML when the path ends in `.xml`, never as HTML. */
export function sendOpen311Errors(exception: unknown, req: Request, res: Response): void {
  const { status, errors } = toOpen311Errors(exception);
  if (status >= 500) {
    logger.error(`${req.method} ${req.originalUrl} → ${status} [${correlationIdOf(req)}] ${exception instanceof Error ? exception.stack : String(exception)}`);
  }
  if (res.headersSent) return;
  const format = formatOf(req.originalUrl);
  res.status(status).setHeader('content-type', CONTENT_TYPES[format]);
  res.send(format === 'xml' ? toXml('errors', errors) : JSON.stringify(errors));
}

/**
 * Scoped to the Open311 controllers: their clients read GeoReport errors,
 * not our usual `{ statusCode, code, message }` body.
 */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendOpen311Errors(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}
