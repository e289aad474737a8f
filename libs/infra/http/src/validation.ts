import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@pipeline/contracts';

export class RequestValidationError extends BadRequestException {}

/** Strips nothing silently: unknown fields are refused, types are converted, every bad field is named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new RequestValidationError({
        code: 'VALIDATION_FAILED',
        message: '请求参数有误',
        errors: flattenValidationErrors(errors).map((e) => ({
          field: e.field,
          messages: e.messages.map((m) => (m.startsWith('property ') && m.endsWith(' should not exist') ? '不允许的字段' : m)),
        })),
      }),
  });
}
