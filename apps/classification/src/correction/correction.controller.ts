import { Roles } from '@pipeline/auth';
import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { CorrectionService } from './correction.service';
import { CorrectClassificationDto } from './dto/correct-classification.dto';

@ApiTags('分类更正')
@Controller('api/v1')
export class CorrectionController {
  constructor(private readonly corrections: CorrectionService) {}

  // 200: the classification exists and is changed, nothing is created at this address.
  @Post('complaints/:complaintId/classification')
  @HttpCode(200)
  @ApiOkResponse({ description: '更正后的分类结果；发布 complaints.classification-corrected.v1' })
  @ApiBadRequestResponse({ description: '参数有误：未知类别、区域、小区，或 repeatOf 不是更早的已分类投诉' })
  @ApiNotFoundResponse({ description: '该投诉尚无分类结果' })
  @ApiConflictResponse({ description: '更正内容与当前分类相同' })
  @Roles('operator', 'dispatcher', 'admin')
  correct(@Param('complaintId') complaintId: string, @Body() dto: CorrectClassificationDto) {
    // Issue 7: the authenticated user (and a role check) replaces the body's correctedBy here.
    return this.corrections.correct(complaintId, dto, { userRef: dto.correctedBy });
  }

  @Get('complaints/:complaintId/classification/corrections')
  @ApiOkResponse({ description: '该投诉分类的更正记录，最早的在前' })
  @ApiNotFoundResponse({ description: '该投诉尚无分类结果' })
  @Roles('operator', 'dispatcher', 'admin')
  history(@Param('complaintId') complaintId: string) {
    return this.corrections.corrections(complaintId);
  }

  // Declared in a module registered before ClassificationModule, so that
  // this path is matched before classifications/:complaintId.
  @Get('classifications/corrections/export')
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: '经人工更正的投诉，按 complaints.public.jsonl 的格式逐行输出（供 classify:train 重新训练）' })
  @Roles('admin')
  async export() {
    return new StreamableFile(Readable.from(await this.corrections.exportCorrected()), {
      type: 'application/x-ndjson; charset=utf-8',
      disposition: 'attachment; filename="classification-corrections.jsonl"',
    });
  }
}
