import { CurrentUser, Roles, type Principal } from '@pipeline/auth';
import { assertMaySee, visibleTo } from '../common/scope';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CommunityDto, CommunityFilterDto, CreatePropertyCompanyDto, RenamePropertyCompanyDto, UpdateCommunityDto } from './dto/registry.dto';
import { RegistryService } from './registry.service';

@ApiTags('物业服务评价：小区与物业企业')
@Controller('api/v1/evaluations')
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  @Get('communities')
  @ApiOkResponse({ description: '评价名单中的小区（按编号排序），可按区、物业企业、是否在重点攻坚名单筛选', type: [CommunityDto] })
  @Roles('committee', 'authority', 'admin')
  async listCommunities(@Query() filter: CommunityFilterDto, @CurrentUser() user: Principal): Promise<CommunityDto[]> {
    return visibleTo(user, await this.registry.listCommunities(filter));
  }

  @Get('communities/:id')
  @ApiNotFoundResponse({ description: '小区不在评价名单中' })
  @Roles('committee', 'authority', 'admin')
  community(@Param('id') id: string, @CurrentUser() user: Principal) {
    assertMaySee(user, id);
    return this.registry.community(id);
  }

  @Patch('communities/:id')
  @ApiOkResponse({ description: '修改户数、名称、物业企业或重点名单状态；每次修改记入变更历史' })
  @ApiConflictResponse({ description: '没有实际变更' })
  @ApiNotFoundResponse({ description: '小区或物业企业不存在' })
  @Roles('authority', 'admin')
  updateCommunity(@Param('id') id: string, @Body() dto: UpdateCommunityDto) {
    return this.registry.updateCommunity(id, dto);
  }

  @Get('property-companies')
  @Roles('committee', 'authority', 'admin')
  listCompanies() {
    return this.registry.listCompanies();
  }

  @Get('property-companies/:id')
  @ApiNotFoundResponse({ description: '物业企业未登记' })
  @Roles('committee', 'authority', 'admin')
  company(@Param('id') id: string) {
    return this.registry.company(id);
  }

  @Post('property-companies')
  @ApiConflictResponse({ description: '编号已登记' })
  @ApiUnprocessableEntityResponse({ description: '字段有误' })
  @Roles('authority', 'admin')
  addCompany(@Body() dto: CreatePropertyCompanyDto) {
    return this.registry.addCompany(dto);
  }

  @Patch('property-companies/:id')
  @Roles('authority', 'admin')
  renameCompany(@Param('id') id: string, @Body() dto: RenamePropertyCompanyDto) {
    return this.registry.renameCompany(id, dto);
  }
}
