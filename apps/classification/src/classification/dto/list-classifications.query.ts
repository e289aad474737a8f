import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DECIDERS, type DecidedBy } from '../classification.schema';

// Query strings carry text: only the words true and false are booleans.
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The review queue (needsReview=true) and other lists of classifications, newest first. */
export class ListClassificationsQuery {
  @ApiPropertyOptional({ description: '只看需人工复核（true）或无需复核（false）的分类', type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'needsReview 须为 true 或 false' })
  needsReview?: boolean;

  @ApiPropertyOptional({ enum: ['model', 'person'], description: '由模型判定（model）或经人工更正（person）' })
  @IsOptional()
  @IsIn(DECIDERS, { message: `decidedBy 须为 ${DECIDERS.join(' | ')} 之一` })
  decidedBy?: DecidedBy;

  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor 无效' })
  cursor?: string;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 至少为 1' })
  @Max(100, { message: 'limit 至多为 100' })
  limit?: number;
}
