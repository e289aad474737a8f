import type { FieldError } from '@pipeline/contracts';

/** The one error body every service answers with. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
  correlationId?: string;
}
