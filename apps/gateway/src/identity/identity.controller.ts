import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentUser, Public, ROLES, Roles, type Principal } from '@pipeline/auth';
import { CreateUserDto, LoginAnswerDto, LoginDto, PrincipalDto, UpdateUserDto, UserViewDto } from './identity.dto';
import { IdentityService } from './identity.service';

@ApiTags('登录与用户')
@Controller('api/v1/auth')
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ description: '登录成功：访问令牌（Bearer），有效期与当前用户', type: LoginAnswerDto })
  @ApiUnauthorizedResponse({ description: '用户名或密码错误，或账号已停用' })
  login(@Body() dto: LoginDto): Promise<LoginAnswerDto> {
    return this.identity.login(dto.username, dto.password);
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOkResponse({ description: '当前登录用户及其角色、负责的小区或中队', type: PrincipalDto })
  me(@CurrentUser() user: Principal): PrincipalDto {
    return user;
  }

  @Get('users')
  @Roles('admin')
  @ApiOkResponse({ description: '全部用户，按登录名排序', type: [UserViewDto] })
  users(): Promise<UserViewDto[]> {
    return this.identity.list();
  }

  @Post('users')
  @Roles('admin')
  @ApiCreatedResponse({ description: '已创建的用户', type: UserViewDto })
  @ApiConflictResponse({ description: '登录名已存在' })
  create(@Body() dto: CreateUserDto): Promise<UserViewDto> {
    return this.identity.create(dto);
  }

  @Patch('users/:username')
  @Roles('admin')
  @ApiOkResponse({ description: '修改后的用户', type: UserViewDto })
  update(@Param('username') username: string, @Body() dto: UpdateUserDto): Promise<UserViewDto> {
    return this.identity.update(username, dto);
  }
}
