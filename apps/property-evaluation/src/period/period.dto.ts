import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { Actor } from '../common/text-fields';
import { PERIOD_PATTERN } from './quarter';

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
  @Actor()
  openedBy: string;
}

export class ClosePeriodDto {
  @ApiProperty({ description: '操作人', example: '市住建局 张三' })
  @Actor()
  closedBy: string;
}

/** A period in a path, checked before any lookup so a typo gets a 400, not a 404. */
export class PeriodParam {
  @Matches(PERIOD_PATTERN, { message: 'period 须为季度，格式如 2025Q1（年份 + Q + 1–4）' })
  period: string;
}
