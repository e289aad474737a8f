import { CurrentUser, Roles, type Principal } from '@pipeline/auth';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CaseService } from './case.service';
import { ListCasesQuery } from './dto/list-cases.query';
import { AssignCaseDto } from './dto/assign.dto';
import { ExtensionDto } from './dto/extension.dto';
import { TransitionDto } from './dto/transition.dto';
import { AssignmentResultDto, CaseListDto, CaseViewDto, ExtensionResultDto, OverdueCaseListDto, TransitionResultDto } from './dto/case-view.dto';

@ApiTags('执法案件')
@Controller('api/v1/cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @Get()
  @ApiOkResponse({ description: '案件列表，最新的在前', type: CaseListDto })
  @Roles('dispatcher', 'officer', 'admin')
  list(@Query() query: ListCasesQuery): Promise<CaseListDto> {
    return this.cases.list(query);
  }

  @Get('overdue')
  @ApiOkResponse({ description: '有办案期限已逾期的在办案件', type: OverdueCaseListDto })
  @Roles('dispatcher', 'officer', 'admin')
  overdue(): Promise<OverdueCaseListDto> {
    return this.cases.overdue();
  }

  @Get(':id')
  @ApiOkResponse({ description: '案件、下一步可办环节与当前适用的各项期限', type: CaseViewDto })
  @Roles('dispatcher', 'officer', 'admin')
  get(@Param('id') id: string): Promise<CaseViewDto> {
    return this.cases.get(id);
  }

  @Post(':id/extensions')
  @HttpCode(200)
  @ApiOkResponse({ description: '已记录的延长与延长后的该项期限', type: ExtensionResultDto })
  @ApiUnprocessableEntityResponse({ description: '法定期限不得延长、缺少审批记录、超出最长延长期或已届满' })
  @Roles('dispatcher', 'officer', 'admin')
  async extend(@Param('id') id: string, @Body() dto: ExtensionDto, @CurrentUser() user: Principal): Promise<ExtensionResultDto> {
    await this.cases.assertMayChange(id, user);
    return this.cases.extend(id, dto);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOkResponse({ description: '案件现由哪个中队办理', type: AssignmentResultDto })
  @ApiUnprocessableEntityResponse({ description: '改派到同一中队等' })
  @Roles('dispatcher', 'admin')
  assign(@Param('id') id: string, @Body() dto: AssignCaseDto): Promise<AssignmentResultDto> {
    return this.cases.assign(id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOkResponse({ description: '办理后的状态与下一步可办环节', type: TransitionResultDto })
  @ApiConflictResponse({ description: '当前状态不允许该环节（响应中列出允许的环节）' })
  @ApiUnprocessableEntityResponse({ description: '缺少理由、两名执法人员、文书，或超出简易程序限额等' })
  @Roles('dispatcher', 'officer', 'admin')
  async transition(@Param('id') id: string, @Body() dto: TransitionDto, @CurrentUser() user: Principal): Promise<TransitionResultDto> {
    await this.cases.assertMayChange(id, user);
    return this.cases.transition(id, dto);
  }
}
