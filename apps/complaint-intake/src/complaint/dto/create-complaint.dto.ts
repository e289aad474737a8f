import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, IsUrl, Length, Matches, MaxLength, ValidateBy,
  ValidateNested, type ValidationOptions,
} from 'class-validator';
import { parseInstantWithOffset } from '@pipeline/calendar';
import { CHANNELS, type Channel } from '@pipeline/contracts';
import { isValidPhone } from '../../caller/caller.rules';
import { TEXT_MAX, TEXT_MIN, notInFuture, withinJurisdiction } from '../complaint.rules';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

function IsPastTimeWithOffset(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isPastTimeWithOffset',
      validator: {
        validate: (v: unknown) => {
          const at = parseInstantWithOffset(v);
          return at !== undefined && notInFuture(at);
        },
        defaultMessage: () => 'reportedAt 须为带时区的 ISO 时间（如 2024-03-02T08:18:00+08:00），且不能晚于当前时间',
      },
    },
    options,
  );
}

function IsWithinJurisdiction(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isWithinJurisdiction',
      validator: {
        validate: (v: unknown) => {
          const p = v as { lat?: unknown; lng?: unknown } | null;
          // mistyped coordinates are reported on lat/lng themselves; only judge real numbers here
          if (!p || typeof p.lat !== 'number' || typeof p.lng !== 'number') return true;
          return withinJurisdiction(p.lat, p.lng);
        },
        defaultMessage: () => 'location 不在青岛市辖区范围内',
      },
    },
    options,
  );
}

export function IsPhone(options?: ValidationOptions) {
  return ValidateBy(
    { name: 'isPhone', validator: { validate: isValidPhone, defaultMessage: () => 'phone 须为大陆手机号（如 13812341234）或带区号的固定电话（如 0532-88886666）' } },
    options,
  );
}

export class LocationDto {
  @ApiProperty({ example: 36.0671 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lat 须为数字' })
  lat: number;

  @ApiProperty({ example: 120.3826 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lng 须为数字' })
  lng: number;
}

export class CallerDto {
  @ApiPropertyOptional({ example: '张先生' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'name 须为字符串' })
  @Length(1, 50, { message: 'name 长度须在 1–50 字之间' })
  name?: string;

  @ApiPropertyOptional({ example: '13812341234' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiProperty({ description: '来电人要求匿名' })
  @IsBoolean({ message: 'anonymous 须为布尔值' })
  anonymous: boolean;
}

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'video/mp4', 'audio/mpeg', 'audio/amr', 'application/pdf'] as const;

export class AttachmentDto {
  @ApiProperty({ example: 'https://files.example.cn/a.jpg' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'url 须为 http(s) 地址' })
  @MaxLength(500, { message: 'url 不能超过 500 字符' })
  url: string;

  @ApiProperty({ enum: ATTACHMENT_TYPES })
  @IsIn(ATTACHMENT_TYPES, { message: `contentType 须为 ${ATTACHMENT_TYPES.join(' | ')} 之一` })
  contentType: string;
}

export class CreateComplaintDto {
  @ApiProperty({ description: '投诉内容' })
  @Transform(trim)
  @IsString({ message: 'text 须为字符串' })
  @Length(TEXT_MIN, TEXT_MAX, { message: `text 长度须在 ${TEXT_MIN}–${TEXT_MAX} 字之间` })
  text: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS, { message: `channel 须为 ${CHANNELS.join(' | ')} 之一` })
  channel: Channel;

  @ApiPropertyOptional({ description: '反映时间，默认为受理时间', example: '2024-03-02T08:18:00+08:00' })
  @IsOptional()
  @IsPastTimeWithOffset()
  reportedAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'address 须为字符串' })
  @MaxLength(300, { message: 'address 不能超过 300 字' })
  address?: string;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationDto)
  @IsWithinJurisdiction()
  location?: LocationDto;

  @ApiPropertyOptional({ type: CallerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CallerDto)
  caller?: CallerDto;

  @ApiPropertyOptional({ description: '12345 工单编号：同一渠道同一编号只受理一次' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{4,40}$/, { message: 'externalRef 须为 4–40 位字母、数字或连字符' })
  externalRef?: string;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray({ message: 'attachments 须为数组' })
  @ArrayMaxSize(10, { message: 'attachments 最多 10 个' })
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
}
