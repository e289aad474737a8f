import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DEADLINE_RULES, type DeadlineKey } from '../deadlines/deadline-rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const KEYS = DEADLINE_RULES.map((r) => r.key) as DeadlineKey[];

/** An approved extension of one deadline: the approval record is what makes it count. */
export class ExtensionDto {
  @ApiProperty({ enum: KEYS }) @IsIn(KEYS, { message: `deadline 须为 ${KEYS.join(' | ')} 之一` })
  deadline: DeadlineKey;

  @ApiProperty() @IsInt({ message: 'days 须为整数' }) @Min(1, { message: 'days 至少为 1' }) @Max(365, { message: 'days 至多为 365' })
  days: number;

  @ApiProperty({ description: '批准人' }) @Transform(trim) @IsString({ message: 'approvedBy 须为字符串' }) @Length(1, 100, { message: 'approvedBy 长度须在 1–100 字之间' })
  approvedBy: string;

  @ApiProperty({ description: '审批文号' }) @Transform(trim) @IsString({ message: 'approvalRef 须为字符串' }) @Length(1, 100, { message: 'approvalRef 长度须在 1–100 字之间' })
  approvalRef: string;

  @ApiPropertyOptional({ description: '经集体讨论决定（D3 超过 30 日时需要）' }) @IsOptional() @IsBoolean({ message: 'collective 须为布尔值' })
  collective?: boolean;
}
