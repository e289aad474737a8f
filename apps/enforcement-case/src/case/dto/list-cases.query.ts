import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { HOTSPOT_AREA_ID } from '@pipeline/contracts';
import { CASE_STATES } from '../case.schema';

export class ListCasesQuery {
  @ApiPropertyOptional({ enum: CASE_STATES })
  @IsOptional()
  @IsIn(CASE_STATES, { message: `state 须为 ${CASE_STATES.join(' | ')} 之一` })
  state?: string;

  @ApiPropertyOptional({ example: 'SQ-SN-01', description: '承办中队（执法队员的“我的案件”）' })
  @IsOptional()
  @Matches(/^SQ-[A-Z]{2}-\d{2}$/, { message: 'squadId 须形如 SQ-SN-01' })
  squadId?: string;

  @ApiPropertyOptional({ example: 'HS01' })
  @IsOptional()
  @Matches(HOTSPOT_AREA_ID, { message: 'hotspotAreaId 须形如 HS01' })
  hotspotAreaId?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 至少为 1' })
  @Max(200, { message: 'limit 至多为 200' })
  limit?: number;
}
