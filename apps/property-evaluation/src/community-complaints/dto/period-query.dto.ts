import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PERIOD_PATTERN } from '../community-complaints.rules';

export class PeriodQueryDto {
  @ApiPropertyOptional({ description: '评价季度（北京时间），默认为当前季度', example: '2024Q1', pattern: PERIOD_PATTERN.source })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: 'period 须为季度，格式如 2024Q1（年份 + Q + 1–4）' })
  period?: string;
}
