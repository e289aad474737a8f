import { CurrentUser, Roles, type Principal } from '@pipeline/auth';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CaseService } from './case.service';
import { ListCasesQuery } from './dto/list-cases.query';
import { AssignCaseDto } from './dto/assign.dto';
import { ExtensionDto } from './dto/extension.dto';
import { TransitionDto } from './dto/transition.dto';

@ApiTags('执法案件')
@Controller('api/v1/cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @Get()
  @ApiOkResponse({ description: '案件列表，最新的在前' })
  @Roles('dispatcher', 'officer', 'admin')
  list(@Query() query: ListCasesQuery) {
    return this.cases.list(query);
  }

  @Get('overdue')
  @ApiOkResponse({ description: '有办案期限已逾期的在办案件' })
  @Roles('dispatcher', 'officer', 'admin')
  overdue() {
    return this.cases.overdue();
  }

  @Get(':id')
  @ApiOkResponse({ description: '案件、下一步可办环节与当前适用的各项期限' })
  @Roles('dispatcher', 'officer', 'admin')
  get(@Param('id') id: string) {
    return this.cases.get(id);
  }

  @Post(':id/extensions')
  @HttpCode(200)
  @ApiUnprocessableEntityResponse({ description: '法定期限不得延长、缺少审批记录、超出最长延长期或已届满' })
  @Roles('dispatcher', 'officer', 'admin')
  async extend(@Param('id') id: string, @Body() dto: ExtensionDto, @CurrentUser() user: Principal) {
    await this.cases.assertMayChange(id, user);
    return this.cases.extend(id, dto);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiUnprocessableEntityResponse({ description: '改派到同一中队等' })
  @Roles('dispatcher', 'admin')
  assign(@Param('id') id: string, @Body() dto: AssignCaseDto) {
    return this.cases.assign(id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiConflictResponse({ description: '当前状态不允许该环节（响应中列出允许的环节）' })
  @ApiUnprocessableEntityResponse({ description: '缺少理由、两名执法人员、文书，或超出简易程序限额等' })
  @Roles('dispatcher', 'officer', 'admin')
  async transition(@Param('id') id: string, @Body() dto: TransitionDto, @CurrentUser() user: Principal) {
    await this.cases.assertMayChange(id, user);
    return this.cases.transition(id, dto);
  }
}
