import type { FieldError } from './validation';

export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rule' | 'too_large' | 'too_many' | 'unavailable';

export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rule: 422,
  too_many: 429,
  unavailable: 503,
};

/**
 * Services throw these, never HTTP exceptions: a stable code
 * (`COMPLAINT_NOT_FOUND`), a kind that the filter maps to a status, a
 * Chinese message for the user and, for bad input, per-field messages.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static unauthenticated(code: string, message: string) {
    return new DomainError('unauthenticated', code, message);
  }
  static forbidden(code: string, message: string) {
    return new DomainError('forbidden', code, message);
  }
  static notFound(code: string, message: string) {
    return new DomainError('not_found', code, message);
  }
  static invalid(code: string, message: string, errors?: FieldError[]) {
    return new DomainError('invalid', code, message, errors);
  }
  static conflict(code: string, message: string, details?: Record<string, unknown>) {
    return new DomainError('conflict', code, message, undefined, details);
  }
  static rule(code: string, message: string, details?: Record<string, unknown>) {
    return new DomainError('rule', code, message, undefined, details);
  }
}

/** The one error body every service answers with. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
  correlationId?: string;
}
