import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { PERIOD_PATTERN } from './quarter';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class OpenPeriodDto {
  @ApiProperty({ description: '评价季度（北京时间）', example: '2025Q1', pattern: PERIOD_PATTERN.source })
  @Matches(PERIOD_PATTERN, { message: 'period 须为季度，格式如 2025Q1（年份 + Q + 1–4）' })
  period: string;

  @ApiPropertyOptional({ description: '采用的评价方案版本，默认最新版', example: 1 })
  @IsOptional()
  @IsInt({ message: 'schemeVersion 须为整数' })
  @Min(1, { message: 'schemeVersion 至少为 1' })
  schemeVersion?: number;

  @ApiProperty({ description: '操作人', example: '市住建局 张三' })
  @Transform(trim)
  @IsString({ message: 'openedBy 须为文本' })
  @IsNotEmpty({ message: '请填写操作人' })
  @MaxLength(60, { message: '操作人不超过 60 字' })
  openedBy: string;
}

export class ClosePeriodDto {
  @ApiProperty({ description: '操作人', example: '市住建局 张三' })
  @Transform(trim)
  @IsString({ message: 'closedBy 须为文本' })
  @IsNotEmpty({ message: '请填写操作人' })
  @MaxLength(60, { message: '操作人不超过 60 字' })
  closedBy: string;
}

/** A period in a path, checked before any lookup so a typo gets a 400, not a 404. */
export class PeriodParam {
  @Matches(PERIOD_PATTERN, { message: 'period 须为季度，格式如 2025Q1（年份 + Q + 1–4）' })
  period: string;
}
