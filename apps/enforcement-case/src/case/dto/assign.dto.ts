import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** (Re)assigning a case to a squad: who, to whom, why. */
export class AssignCaseDto {
  @ApiProperty({ example: 'SQ-SN-02' })
  @Matches(/^SQ-[A-Z]{2}-\d{2}$/, { message: 'squadId 须形如 SQ-SN-01' })
  squadId: string;

  @ApiProperty({ description: '指派或改派理由' })
  @Transform(trim)
  @IsString({ message: 'reason 须为字符串' })
  @Length(2, 200, { message: 'reason 长度须在 2–200 字之间' })
  reason: string;

  @ApiProperty({ description: '调度员（用户标识）' })
  @Transform(trim)
  @IsString({ message: 'dispatcher 须为字符串' })
  @Length(1, 100, { message: 'dispatcher 长度须在 1–100 字之间' })
  dispatcher: string;
}
