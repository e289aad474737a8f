import { Roles } from '@pipeline/auth';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ClassificationPreviewDto } from './dto/classification-preview.dto';
import { ClassificationService } from './classification.service';
import { ClassifyComplaintDto } from './dto/classify-complaint.dto';
import { ListClassificationsQuery } from './dto/list-classifications.query';

@ApiTags('投诉分类')
@Controller('api/v1')
export class ClassificationController {
  constructor(private readonly classifications: ClassificationService) {}

  // 200, not 201: a dry run creates nothing.
  @Post('classify')
  @HttpCode(200)
  @ApiOkResponse({ description: '试分类结果及依据、承办单位和可能的重复件（不保存、不发布）', type: ClassificationPreviewDto })
  @Roles('operator', 'admin')
  classify(@Body() dto: ClassifyComplaintDto): Promise<ClassificationPreviewDto> {
    return this.classifications.preview(dto);
  }

  @Get('classifications')
  @ApiOkResponse({ description: '分类结果，最新的在前；needsReview=true 即待复核队列' })
  @ApiBadRequestResponse({ description: '查询参数有误' })
  @Roles('operator', 'dispatcher', 'admin')
  list(@Query() query: ListClassificationsQuery) {
    return this.classifications.list(query);
  }

  @Get('classifications/:complaintId')
  @ApiOkResponse({ description: '投诉的分类结果' })
  @ApiNotFoundResponse({ description: '该投诉尚无分类结果' })
  @Roles('operator', 'dispatcher', 'officer', 'admin')
  get(@Param('complaintId') complaintId: string) {
    return this.classifications.get(complaintId);
  }
}
