import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { REJECTION_REASON_CODES, type RejectionReason } from '../candidate.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class AcceptCandidateDto {
  @ApiProperty({ description: '调度员（用户标识）' })
  @Transform(trim)
  @IsString({ message: 'dispatcher 须为字符串' })
  @Length(1, 100, { message: 'dispatcher 长度须在 1–100 字之间' })
  dispatcher: string;

  @ApiPropertyOptional({ description: '指派的中队；不填则按辖区与负荷推荐', example: 'SQ-SN-01' })
  @IsOptional()
  @Matches(/^SQ-[A-Z]{2}-\d{2}$/, { message: 'squadId 须形如 SQ-SN-01' })
  squadId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'note 须为字符串' })
  @Length(0, 500, { message: 'note 不能超过 500 字' })
  note?: string;
}

export class RejectCandidateDto {
  @ApiProperty({ description: '调度员（用户标识）' })
  @Transform(trim)
  @IsString({ message: 'dispatcher 须为字符串' })
  @Length(1, 100, { message: 'dispatcher 长度须在 1–100 字之间' })
  dispatcher: string;

  @ApiProperty({ enum: REJECTION_REASON_CODES })
  @IsIn(REJECTION_REASON_CODES, { message: `reasonCode 须为 ${REJECTION_REASON_CODES.join(' | ')} 之一` })
  reasonCode: RejectionReason;

  @ApiPropertyOptional({ description: 'reasonCode 为 OTHER 时必填' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'note 须为字符串' })
  @Length(2, 500, { message: 'note 长度须在 2–500 字之间' })
  note?: string;
}

export class ListCandidatesQuery {
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 至少为 1' })
  @Max(200, { message: 'limit 至多为 200' })
  limit?: number;
}
