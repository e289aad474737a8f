import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Principal, type Role } from '@pipeline/auth';
import { COMMUNITY_ID } from '@pipeline/contracts';

const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

export class LoginDto {
  @ApiProperty({ example: 'operator' })
  @IsString({ message: '请填写用户名' })
  @MaxLength(64, { message: '用户名过长' })
  username: string;

  @ApiProperty({ example: 'operator-dev-2026' })
  @IsString({ message: '请填写密码' })
  @MaxLength(200, { message: '密码过长' })
  password: string;
}

class UserFields {
  @ApiPropertyOptional({ description: '姓名（记入各项操作记录）', example: '话务员 王芳' })
  @IsOptional()
  @IsString({ message: '姓名须为文本' })
  @MaxLength(60, { message: '姓名不超过 60 字' })
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, description: '角色' })
  @IsOptional()
  @IsArray({ message: 'roles 须为数组' })
  @ArrayMinSize(1, { message: '至少一个角色' })
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `角色须为 ${ROLES.join(' / ')}` })
  roles?: Role[];

  @ApiPropertyOptional({ description: '物业委员会成员负责的小区', example: ['CM001'] })
  @IsOptional()
  @IsArray({ message: 'communities 须为数组' })
  @ArrayMaxSize(100)
  @Matches(COMMUNITY_ID, { each: true, message: '小区编号格式如 CM001' })
  communities?: string[];

  @ApiPropertyOptional({ description: '执法队员所在中队', example: 'SQ-SN-01' })
  @IsOptional()
  @Matches(/^SQ-[A-Z]{2}-\d{2}$/, { message: '中队编号格式如 SQ-SN-01' })
  squadId?: string;

  @ApiPropertyOptional({ description: '新密码（至少 12 位）' })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: '密码至少 12 位' })
  @MaxLength(200, { message: '密码过长' })
  password?: string;

  @ApiPropertyOptional({ description: '停用账号' })
  @IsOptional()
  @IsBoolean({ message: 'disabled 须为 true 或 false' })
  disabled?: boolean;
}

export class CreateUserDto extends UserFields {
  @ApiProperty({ description: '登录名：小写字母开头，3–32 位', example: 'wang.fang' })
  @Matches(USERNAME, { message: '登录名须以小写字母开头，由 3–32 位小写字母、数字、点、下划线或连字符组成' })
  username: string;

  @ApiProperty({ description: '姓名' })
  @IsString({ message: '姓名须为文本' })
  @MaxLength(60, { message: '姓名不超过 60 字' })
  declare name: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray({ message: 'roles 须为数组' })
  @ArrayMinSize(1, { message: '至少一个角色' })
  @IsIn(ROLES, { each: true, message: `角色须为 ${ROLES.join(' / ')}` })
  declare roles: Role[];

  @ApiProperty({ description: '初始密码（至少 12 位）' })
  @IsString()
  @MinLength(12, { message: '密码至少 12 位' })
  @MaxLength(200, { message: '密码过长' })
  declare password: string;
}

export class UpdateUserDto extends UserFields {}

// ---------------------------------------------------------------------------
// Answers

/** Who is signed in: what the token carries and every service checks. */
export class PrincipalDto implements Principal {
  /** Stable user id (the login name). */
  sub!: string;
  name!: string;
  roles!: Role[];
  /** For committee members: the communities they may see. */
  communities?: string[];
  /** For officers: the squad whose cases they may change. */
  squadId?: string;
}

export class LoginAnswerDto {
  accessToken!: string;
  tokenType!: 'Bearer';
  /** Seconds the token stays valid. */
  expiresIn!: number;
  user!: PrincipalDto;
}

/** A user as an administrator sees it (never the password hash). */
export class UserViewDto {
  _id!: string;
  username!: string;
  name!: string;
  roles!: Role[];
  communities?: string[];
  squadId?: string;
  disabled!: boolean;
  /** Seeded for development with a public password. */
  development!: boolean;
  createdAt!: Date;
  lastLoginAt!: Date | null;
}
