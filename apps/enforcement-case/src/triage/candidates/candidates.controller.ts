import { Roles } from '@pipeline/auth';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CandidateService } from './candidate.service';
import { CandidateDecisionDto, CandidateQueueDto } from './dto/candidate-view.dto';
import { AcceptCandidateDto, ListCandidatesQuery, RejectCandidateDto } from './dto/candidate-decision.dto';

@ApiTags('待确认立案')
@Controller('api/v1/candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidateService) {}

  @Get()
  @ApiOkResponse({ description: '待调度员确认的投诉：紧急的在前，其次等待最久的；含核查期限与逾期标记', type: CandidateQueueDto })
  @Roles('dispatcher', 'admin')
  queue(@Query() query: ListCandidatesQuery) {
    return this.candidates.queue(query.limit);
  }

  @Post(':complaintId/accept')
  @HttpCode(200)
  @ApiOkResponse({ description: '已立为案件线索，附案件编号', type: CandidateDecisionDto })
  @ApiConflictResponse({ description: '已由他人处理' })
  @Roles('dispatcher', 'admin')
  accept(@Param('complaintId') complaintId: string, @Body() dto: AcceptCandidateDto) {
    return this.candidates.accept(complaintId, dto);
  }

  @Post(':complaintId/reject')
  @HttpCode(200)
  @ApiOkResponse({ description: '已驳回，附转办结果', type: CandidateDecisionDto })
  @ApiConflictResponse({ description: '已由他人处理' })
  @Roles('dispatcher', 'admin')
  reject(@Param('complaintId') complaintId: string, @Body() dto: RejectCandidateDto) {
    return this.candidates.reject(complaintId, dto);
  }
}
