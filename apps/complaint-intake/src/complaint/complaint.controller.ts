import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { correlationIdOf } from '@pipeline/http';
import { ComplaintService } from './complaint.service';
import { CreateComplaintDto } from './dto/create-complaint.dto';

@ApiTags('投诉受理')
@Controller('api/v1/complaints')
export class ComplaintController {
  constructor(private readonly complaints: ComplaintService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '已受理' })
  create(@Body() dto: CreateComplaintDto, @Req() req: Request) {
    return this.complaints.receive(dto, correlationIdOf(req));
  }

  @Get(':id')
  @ApiOkResponse({ description: '投诉详情' })
  @ApiNotFoundResponse({ description: '投诉不存在' })
  get(@Param('id') id: string) {
    return this.complaints.get(id);
  }
}
