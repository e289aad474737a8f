import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsNumber, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';

// The same bounds as intake's, so any complaint intake accepts can be tried here.
export const TEXT_MIN = 5;
export const TEXT_MAX = 2000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PointDto {
  @ApiProperty({ example: 36.069 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lat 须为数字' })
  @Min(-90, { message: 'lat 须在 -90 到 90 之间' })
  @Max(90, { message: 'lat 须在 -90 到 90 之间' })
  lat: number;

  @ApiProperty({ example: 120.3205 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lng 须为数字' })
  @Min(-180, { message: 'lng 须在 -180 到 180 之间' })
  @Max(180, { message: 'lng 须在 -180 到 180 之间' })
  lng: number;
}

/** A dry run: the complaint as intake would receive it, without channel or times. */
export class ClassifyComplaintDto {
  @ApiProperty({ description: '投诉内容', example: '中山路步行街有流动摊贩占道卖烤鱿鱼' })
  @Transform(trim)
  @IsString({ message: 'text 须为字符串' })
  @Length(TEXT_MIN, TEXT_MAX, { message: `text 长度须在 ${TEXT_MIN}–${TEXT_MAX} 字之间` })
  text: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'address 须为字符串' })
  @MaxLength(300, { message: 'address 不能超过 300 字' })
  address?: string;

  @ApiPropertyOptional({ type: PointDto, description: '坐标（WGS84）；有坐标时按坐标定位，不再看文本中的地名' })
  @IsOptional()
  @IsObject({ message: 'location 须为含 lat、lng 的对象' })
  @ValidateNested()
  @Type(() => PointDto)
  location?: PointDto;
}
