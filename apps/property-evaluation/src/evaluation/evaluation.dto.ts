import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COMMUNITY_ID, EVALUATION_PERIOD } from '@pipeline/contracts';
import { COMPANY_ID } from '../registry/dto/registry.dto';

export class PeriodCommunityParams {
  @Matches(EVALUATION_PERIOD, { message: 'period 须为季度，格式如 2025Q1（年份 + Q + 1–4）' })
  period: string;

  @Matches(COMMUNITY_ID, { message: '小区编号格式如 CM001' })
  communityId: string;
}

export class RankingQueryDto {
  @ApiPropertyOptional({ description: '区(市)', example: '市南区' })
  @IsOptional()
  @IsString()
  @MaxLength(20, { message: '区名不超过 20 字' })
  district?: string;

  @ApiPropertyOptional({ description: '物业服务企业编号', example: 'PC01' })
  @IsOptional()
  @Matches(COMPANY_ID, { message: '物业企业编号格式如 PC01' })
  propertyCompanyId?: string;

  @ApiPropertyOptional({ description: '等级代码（见评价方案 grades）', example: 'fail' })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, { message: '等级代码格式有误' })
  grade?: string;

  @ApiPropertyOptional({ description: '只看亮牌的小区', enum: ['yellow', 'red', 'any'] })
  @IsOptional()
  @IsIn(['yellow', 'red', 'any'], { message: 'card 须为 yellow / red / any' })
  card?: 'yellow' | 'red' | 'any';

  @ApiPropertyOptional({ description: 'csv 下载同一张表', enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format 须为 json 或 csv' })
  format?: 'json' | 'csv';
}
