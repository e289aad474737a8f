import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentUser, Public, ROLES, Roles, type Principal } from '@pipeline/auth';
import { CreateUserDto, LoginDto, UpdateUserDto } from './identity.dto';
import { IdentityService } from './identity.service';

@ApiTags('登录与用户')
@Controller('api/v1/auth')
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ description: '登录成功：访问令牌（Bearer），有效期与当前用户' })
  @ApiUnauthorizedResponse({ description: '用户名或密码错误，或账号已停用' })
  login(@Body() dto: LoginDto) {
    return this.identity.login(dto.username, dto.password);
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOkResponse({ description: '当前登录用户及其角色、负责的小区或中队' })
  me(@CurrentUser() user: Principal) {
    return user;
  }

  @Get('users')
  @Roles('admin')
  users() {
    return this.identity.list();
  }

  @Post('users')
  @Roles('admin')
  @ApiConflictResponse({ description: '登录名已存在' })
  create(@Body() dto: CreateUserDto) {
    return this.identity.create(dto);
  }

  @Patch('users/:username')
  @Roles('admin')
  update(@Param('username') username: string, @Body() dto: UpdateUserDto) {
    return this.identity.update(username, dto);
  }
}
