import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CATEGORY_CODES, CHANNELS, COMMUNITY_ID, HOTSPOT_AREA_ID, type Channel } from '@pipeline/contracts';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../complaint-status.rules';
import { IsPhone, trim } from './create-complaint.dto';

/** Filters an operator searches complaints by; newest first, a page at a time. */
export class ListComplaintsQuery {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES, { message: `status 须为 ${COMPLAINT_STATUSES.join(' | ')} 之一` })
  status?: ComplaintStatus;

  @ApiPropertyOptional({ enum: CATEGORY_CODES })
  @IsOptional()
  @IsIn(CATEGORY_CODES, { message: 'category 须为十三类投诉代码之一' })
  category?: string;

  @ApiPropertyOptional({ example: 'HS01' })
  @IsOptional()
  @Matches(HOTSPOT_AREA_ID, { message: 'hotspotAreaId 须形如 HS01' })
  hotspotAreaId?: string;

  @ApiPropertyOptional({ example: 'CM001' })
  @IsOptional()
  @Matches(COMMUNITY_ID, { message: 'communityId 须形如 CM001' })
  communityId?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS, { message: `channel 须为 ${CHANNELS.join(' | ')} 之一` })
  channel?: Channel;

  @ApiPropertyOptional({ description: '受理时间起（含），ISO 时间' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from 须为 ISO 时间' })
  from?: string;

  @ApiPropertyOptional({ description: '受理时间止（不含），ISO 时间' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to 须为 ISO 时间' })
  to?: string;

  @ApiPropertyOptional({ description: '投诉内容包含的文字' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'q 须为字符串' })
  @Length(1, 100, { message: 'q 长度须在 1–100 字之间' })
  q?: string;

  @ApiPropertyOptional({ description: '12345 工单编号' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{4,40}$/, { message: 'externalRef 须为 4–40 位字母、数字或连字符' })
  externalRef?: string;

  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'cursor 无效' })
  cursor?: string;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 至少为 1' })
  @Max(100, { message: 'limit 至多为 100' })
  limit?: number;
}

/**
 * The same filters plus the caller's phone, in a body rather than a query
 * string, so the number never lands in access logs or browser history.
 */
export class SearchComplaintsDto extends ListComplaintsQuery {
  @ApiPropertyOptional({ description: '来电号码：查找同一来电人的投诉' })
  @IsOptional()
  @IsPhone()
  callerPhone?: string;
}
