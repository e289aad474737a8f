import { DomainError, type FieldError } from '@pipeline/contracts';
import { JURISDICTION_ID } from './open311-services.rules';

/**
 * A missing, unknown or revoked api_key. Only the Open311 surface has
 * callers that authenticate, so this lives here rather than among the
 * shared DomainError kinds; the Open311 error filter answers it with 403.
 */
export class Open311ApiKeyError extends Error {
  readonly code = 'OPEN311_API_KEY_REFUSED';

  constructor(message: string) {
    super(message);
    this.name = 'Open311ApiKeyError';
  }
}

/** Values echoed back are cut short: an error answer is no place to reflect a long input. */
function shown(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}

export const open311Errors = {
  invalid: (errors: FieldError[]) => DomainError.invalid('OPEN311_INVALID_REQUEST', '请求参数有误', errors),
  field: (field: string, message: string) => DomainError.invalid('OPEN311_INVALID_REQUEST', message, [{ field, messages: [message] }]),
  unknownJurisdiction: (value: string) =>
    DomainError.notFound('OPEN311_JURISDICTION_UNKNOWN', `jurisdiction_id 未知：${shown(value)}（本接口只服务 ${JURISDICTION_ID}）`),
  unknownService: (code: string) => DomainError.notFound('OPEN311_SERVICE_UNKNOWN', `service_code 未知：${shown(code)}`),
  unknownRequest: (id: string) => DomainError.notFound('OPEN311_REQUEST_NOT_FOUND', `service_request_id 不存在：${shown(id)}`),
  unknownToken: (token: string) => DomainError.notFound('OPEN311_TOKEN_NOT_FOUND', `token 不存在：${shown(token)}`),
  unsupportedFormat: (ext: string) => DomainError.notFound('OPEN311_FORMAT_UNSUPPORTED', `不支持的格式：.${shown(ext)}（支持 .json 与 .xml）`),
  unknownRoute: (method: string, path: string) => DomainError.notFound('OPEN311_ROUTE_UNKNOWN', `接口不存在：${method} ${shown(path)}`),
};
