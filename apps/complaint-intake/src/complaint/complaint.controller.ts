import { CurrentUser, Roles, type Principal } from '@pipeline/auth';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { correlationIdOf } from '@pipeline/http';
import { CallerAccessPolicy } from '../caller/caller-access.policy';
import { ComplaintService } from './complaint.service';
import { CallbackDto } from './dto/callback.dto';
import { CloseComplaintDto } from './dto/close-complaint.dto';
import { CreateComplaintDto } from './dto/create-complaint.dto';
import { ComplaintAcceptedDto, ComplaintPageDto, ComplaintStatusDto, ComplaintViewDto } from './dto/complaint-view.dto';
import { ListComplaintsQuery, SearchComplaintsDto } from './dto/list-complaints.query';

@ApiTags('投诉受理')
@Controller('api/v1/complaints')
export class ComplaintController {
  constructor(
    private readonly complaints: ComplaintService,
    private readonly callerAccess: CallerAccessPolicy,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '同一键重复提交只受理一次' })
  @ApiAcceptedResponse({ description: '已受理', type: ComplaintAcceptedDto })
  @Roles('operator', 'admin')
  create(@Body() dto: CreateComplaintDto, @Headers('idempotency-key') key: string | undefined, @Req() req: Request) {
    return this.complaints.receive(dto, key, correlationIdOf(req));
  }

  @Get()
  @ApiOkResponse({ description: '投诉列表，最新的在前；不含来电人信息', type: ComplaintPageDto })
  @Roles('operator', 'dispatcher', 'admin')
  list(@Query() query: ListComplaintsQuery) {
    return this.complaints.list(query);
  }

  @Post('search')
  @HttpCode(200)
  @ApiOkResponse({ description: '与列表相同，另可按来电号码查找（号码放在请求体中，不进入访问日志）', type: ComplaintPageDto })
  @Roles('operator', 'admin')
  search(@Body() dto: SearchComplaintsDto) {
    return this.complaints.list(dto);
  }

  @Get(':id')
  @ApiOkResponse({ description: '答复来电人所需的全部信息：内容、位置、分类、案件、期限、进度', type: ComplaintViewDto })
  @ApiNotFoundResponse({ description: '投诉不存在' })
  @ApiQuery({ name: 'revealCaller', required: false, description: '话务员、管理员可查看来电人明文（记入审计日志）', enum: ['true'] })
  @Roles('operator', 'dispatcher', 'officer', 'admin')
  async get(@Param('id') id: string, @Query('revealCaller') revealCaller: string | undefined, @CurrentUser() user: Principal, @Req() req: Request) {
    const reveal = this.callerAccess.mayRevealCaller(user, revealCaller === 'true');
    const view = await this.complaints.get(id, reveal);
    if (reveal && view.caller) await this.callerAccess.logRevealed(user, id, req.path);
    return view;
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ description: '已办结', type: ComplaintStatusDto })
  @ApiConflictResponse({ description: '投诉已办结，或须由执法案件结案/调度员处理' })
  @Roles('operator', 'admin')
  close(@Param('id') id: string, @Body() dto: CloseComplaintDto) {
    return this.complaints.close(id, dto);
  }

  @Post(':id/callback')
  @HttpCode(200)
  @ApiOkResponse({ description: '已记录回访；不满意时重办', type: ComplaintStatusDto })
  @ApiConflictResponse({ description: '投诉尚未办结' })
  @Roles('operator', 'admin')
  callback(@Param('id') id: string, @Body() dto: CallbackDto) {
    return this.complaints.callback(id, dto);
  }
}
