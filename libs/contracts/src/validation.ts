import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export interface FieldError {
  field: string;
  messages: string[];
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Flattens class-validator's nested errors into field paths like `parties[2].code`, as the domain checks write them. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/**
 * Turns untrusted plain data into an instance of `cls` and validates it.
 * Unknown properties are tolerated (a newer producer may add optional
 * fields within a version) but never copied onto the instance.
 */
export function validatePlain<T extends object>(cls: ClassConstructor<T>, plain: unknown): Validated<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '(root)', messages: ['must be an object'] }] };
  }
  const value = plainToInstance(cls, plain, { excludeExtraneousValues: false });
  const errors = validateSync(value, { whitelist: true, forbidUnknownValues: true });
  return errors.length ? { ok: false, errors: flattenValidationErrors(errors) } : { ok: true, value };
}

export function describeFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | ');
}
