import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trim } from '../../complaint/dto/create-complaint.dto';

export class CreateOpen311ClientDto {
  @ApiProperty({ description: '接入方名称（应用或单位）', example: '市北区随手拍小程序' })
  @Transform(trim)
  @IsString({ message: 'name 须为字符串' })
  @Length(2, 100, { message: 'name 长度须在 2–100 字之间' })
  name: string;
}
