import { Controller, Get, Query, type Type } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Model } from 'mongoose';
import { Roles } from '@pipeline/auth';
import { AuditEntry } from './audit.schema';

export class AuditQuery {
  @ApiPropertyOptional({ description: '操作人（登录名）' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ description: '起始时间（含）' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from 须为 ISO 时间' })
  from?: string;

  @ApiPropertyOptional({ description: '截止时间（不含）' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to 须为 ISO 时间' })
  to?: string;

  @ApiPropertyOptional({ description: '条数（≤200）', default: 50 })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'limit 须为整数' })
  @Min(1)
  @Max(200)
  limit?: number;
}

/** The audit log of one service, for administrators only; read-only by construction. */
export function auditController(service: string): Type {
  @ApiTags('审计日志')
  @Controller(`api/v1/audit/${service}`)
  class AuditController {
    constructor(@InjectModel(AuditEntry.name) readonly model: Model<AuditEntry>) {}

    @Get()
    @Roles('admin')
    // one class per service: its own operation id keeps them apart in the merged document
    @ApiOperation({ operationId: `audit_${service}` })
    @ApiOkResponse({ description: `${service} 的操作审计记录，最新的在前` })
    list(@Query() q: AuditQuery) {
      const at: Record<string, Date> = {};
      if (q.from) at.$gte = new Date(q.from);
      if (q.to) at.$lt = new Date(q.to);
      return this.model
        .find({ ...(q.actor ? { 'actor.sub': q.actor } : {}), ...(q.from || q.to ? { at } : {}) })
        .sort({ at: -1 })
        .limit(q.limit ?? 50)
        .lean();
    }
  }
  return AuditController;
}
