import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SATISFACTION_LEVELS, type Satisfaction } from '@pipeline/contracts';
import { trim } from './create-complaint.dto';

/** 回访: what the caller says after closure. */
export class CallbackDto {
  @ApiProperty({ description: '来电人认为问题是否已解决' })
  @IsBoolean({ message: 'resolved 须为布尔值' })
  resolved: boolean;

  @ApiProperty({ enum: SATISFACTION_LEVELS, description: 'satisfied 满意 | basically_satisfied 基本满意 | unsatisfied 不满意' })
  @IsIn(SATISFACTION_LEVELS, { message: 'satisfaction 须为 satisfied（满意）、basically_satisfied（基本满意）或 unsatisfied（不满意）' })
  satisfaction: Satisfaction;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'notes 须为字符串' })
  @MaxLength(500, { message: 'notes 不能超过 500 字' })
  notes?: string;
}
