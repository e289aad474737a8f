import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trim } from './create-complaint.dto';

/** 办结: the handling result the responsible body reported, recorded by an operator. */
export class CloseComplaintDto {
  @ApiProperty({ description: '办理结果' })
  @Transform(trim)
  @IsString({ message: 'resolution 须为字符串' })
  @Length(2, 1000, { message: 'resolution 长度须在 2–1000 字之间' })
  resolution: string;
}
