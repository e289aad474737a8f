import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Actor, RequiredText } from '../../common/text-fields';

export const COMPANY_ID = /^PC[0-9A-Z]{2,10}$/;

/** Who changes the registry and why: kept with every change. */
class ChangeNote {
  @ApiProperty({ description: '变更原因（记入变更历史）', example: '物业服务合同到期，业主大会选聘新物业' })
  @RequiredText('变更原因', 300)
  reason: string;

  @ApiProperty({ description: '操作人（角色与认证上线前按填写记录）', example: '市住建局 张三' })
  @Actor()
  changedBy: string;
}

export class UpdateCommunityDto extends ChangeNote {
  @ApiPropertyOptional({ description: '小区名称' })
  @IsOptional()
  @RequiredText('小区名称', 40)
  name?: string;

  @ApiPropertyOptional({ description: '户数', example: 640 })
  @IsOptional()
  @IsInt({ message: '户数须为整数' })
  @Min(1, { message: '户数至少为 1' })
  @Max(100_000, { message: '户数不超过 100000' })
  households?: number;

  @ApiPropertyOptional({ description: '物业服务企业编号（须已登记）', example: 'PC03' })
  @IsOptional()
  @Matches(COMPANY_ID, { message: '物业企业编号格式如 PC01' })
  propertyCompanyId?: string;

  @ApiPropertyOptional({ description: '是否在重点攻坚名单（退出后重新纳入时填 true）' })
  @IsOptional()
  @IsBoolean({ message: 'onFocusList 须为 true 或 false' })
  onFocusList?: boolean;
}

export class CreatePropertyCompanyDto extends ChangeNote {
  @ApiProperty({ description: '物业服务企业编号', example: 'PC21' })
  @Matches(COMPANY_ID, { message: '物业企业编号格式如 PC01' })
  id: string;

  @ApiProperty({ description: '企业名称', example: '青岛某某物业服务有限公司' })
  @RequiredText('企业名称', 60)
  name: string;
}

export class RenamePropertyCompanyDto extends ChangeNote {
  @ApiProperty({ description: '企业名称' })
  @RequiredText('企业名称', 60)
  name: string;
}

export class CommunityFilterDto {
  @ApiPropertyOptional({ description: '区(市)', example: '市南区' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  district?: string;

  @ApiPropertyOptional({ description: '物业服务企业编号', example: 'PC01' })
  @IsOptional()
  @Matches(COMPANY_ID, { message: '物业企业编号格式如 PC01' })
  propertyCompanyId?: string;

  @ApiPropertyOptional({ description: '是否在重点攻坚名单', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'onFocusList 须为 true 或 false' })
  onFocusList?: 'true' | 'false';
}

// ---------------------------------------------------------------------------
// Answers

/** One edit of a registry entry: who, when, why, and each field's old and new value. */
export class RegistryChangeDto {
  revision!: number;
  at!: Date;
  by!: string;
  reason!: string;
  fields!: Record<string, { from: unknown; to: unknown }>;
}

/** A community under evaluation, with its edits. */
export class CommunityDto {
  _id!: string;
  name!: string;
  district!: string;
  subdistrict!: string;
  households!: number;
  builtYear!: number | null;
  propertyCompanyId!: string;
  hotspotAreaId!: string | null;
  /** On the focus list (重点攻坚) until it meets the exit rule. */
  onFocusList!: boolean;
  /** The period whose result took it off the focus list. */
  leftFocusListIn!: string | null;
  revision!: number;
  changes!: RegistryChangeDto[];
  /** Where the entry came from, e.g. `areas.geojson 2024.1`. */
  source!: string;
}
