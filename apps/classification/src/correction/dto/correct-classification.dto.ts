import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { CATEGORY_CODES, type CategoryCode } from '@pipeline/contracts';
import { community, hotspotArea } from '@pipeline/reference-data';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An id of the reference data's hotspot areas or communities; null and absent are left to @IsOptional. */
function IsKnownPlace(kind: 'hotspot' | 'community', options?: ValidationOptions): PropertyDecorator {
  const exists = kind === 'hotspot' ? hotspotArea : community;
  return ValidateBy(
    {
      name: kind === 'hotspot' ? 'isKnownHotspotArea' : 'isKnownCommunity',
      validator: { validate: (value: unknown) => typeof value === 'string' && exists(value) !== undefined },
    },
    options,
  );
}

/**
 * A clerk's judgement replacing the stored one. category, enforceable and
 * urgent are always given; the place and the link are optional: absent
 * keeps the stored value, null clears it. A community given without an area
 * brings its own area.
 */
export class CorrectClassificationDto {
  @ApiProperty({ enum: CATEGORY_CODES })
  @IsIn(CATEGORY_CODES, { message: 'category 须为十三类投诉代码之一' })
  category: CategoryCode;

  @ApiProperty()
  @IsBoolean({ message: 'enforceable 须为 true 或 false' })
  enforceable: boolean;

  @ApiProperty()
  @IsBoolean({ message: 'urgent 须为 true 或 false' })
  urgent: boolean;

  @ApiPropertyOptional({ type: String, example: 'HS01', nullable: true, description: '热点区域；null 表示不在任何热点区域' })
  @IsOptional()
  @IsKnownPlace('hotspot', { message: 'hotspotAreaId 须为已登记的热点区域编号（如 HS01）' })
  hotspotAreaId?: string | null;

  @ApiPropertyOptional({ type: String, example: 'CM027', nullable: true, description: '小区；null 表示不在任何登记小区' })
  @IsOptional()
  @IsKnownPlace('community', { message: 'communityId 须为已登记的小区编号（如 CM027）' })
  communityId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: '本投诉重复反映的、更早的投诉编号；null 取消重复件关联' })
  @IsOptional()
  @IsString({ message: 'repeatOf 须为投诉编号或 null' })
  @Length(1, 64, { message: 'repeatOf 长度须在 1–64 字之间' })
  repeatOf?: string | null;

  @ApiProperty({ example: '现场核实为占道经营，非环境卫生' })
  @Transform(trim)
  @IsString({ message: 'reason 须为字符串' })
  @Length(2, 500, { message: 'reason 长度须在 2–500 字之间' })
  reason: string;

  /**
   * Who corrects it, until issue 7 brings authentication: then the
   * authenticated user replaces this field (see CorrectionController).
   */
  @ApiProperty({ maxLength: 100, example: 'clerk-017', description: '更正人的用户标识（不填姓名）' })
  @IsString({ message: 'correctedBy 须为字符串' })
  @Matches(/^[A-Za-z0-9._@:-]{1,100}$/, { message: 'correctedBy 须为 1–100 位用户标识（字母、数字或 ._@:-）' })
  correctedBy: string;
}
