import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Trimmed text that must be given, of at most `max` characters; messages name it by its Chinese `label`. */
export function RequiredText(label: string, max: number): PropertyDecorator {
  return applyDecorators(
    Transform(trim),
    IsString({ message: `${label}须为文本` }),
    IsNotEmpty({ message: `请填写${label}` }),
    MaxLength(max, { message: `${label}不超过 ${max} 字` }),
  );
}

/** Trimmed text that may be left out. */
export function OptionalText(label: string, max: number): PropertyDecorator {
  return applyDecorators(IsOptional(), Transform(trim), IsString({ message: `${label}须为文本` }), MaxLength(max, { message: `${label}不超过 ${max} 字` }));
}

/** Who acted (unit and name), recorded with what they did until sign-in arrives. */
export const Actor = (label = '操作人') => RequiredText(label, 60);
