import { Roles } from '@pipeline/auth';
import { Body, Controller, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SchemeDto, SchemeSummaryDto, SchemeVersionDto } from './scheme.dto';
import { SchemeService } from './scheme.service';

// Roles arrive with issue 7: until then the author is recorded as the housing authority.
const AUTHORITY = '住房和城乡建设主管部门';

@ApiTags('物业服务评价：评价方案')
@Controller('api/v1/evaluations/schemes')
export class SchemeController {
  constructor(private readonly schemes: SchemeService) {}

  @Get()
  @ApiOkResponse({ description: '所有版本，最新的在前', type: [SchemeSummaryDto] })
  @Roles('committee', 'authority', 'admin')
  list(): Promise<SchemeSummaryDto[]> {
    return this.schemes.list();
  }

  @Get('latest')
  @ApiOkResponse({ description: '最新版本：新开的评价期采用此版', type: SchemeVersionDto })
  @Roles('committee', 'authority', 'admin')
  latest(): Promise<SchemeVersionDto> {
    return this.schemes.latest();
  }

  @Get(':version')
  @ApiOkResponse({ description: '该版本', type: SchemeVersionDto })
  @ApiNotFoundResponse({ description: '版本不存在' })
  @Roles('committee', 'authority', 'admin')
  get(@Param('version', ParseIntPipe) version: number): Promise<SchemeVersionDto> {
    return this.schemes.get(version);
  }

  /** Parties, weights, indicators, survey, complaint indicator, grades, vetoes, cards and exit rule, as one new version. */
  @Post()
  @ApiOkResponse({ description: '保存为新版本（版本号由服务编排）；已开启的评价期仍按原版本评价', type: SchemeVersionDto })
  @ApiBadRequestResponse({ description: '字段有误（逐项说明）' })
  @ApiConflictResponse({ description: '版本号被同时保存占用，请重试' })
  @Roles('authority', 'admin')
  create(@Body() dto: SchemeDto): Promise<SchemeVersionDto> {
    return this.schemes.create(dto, AUTHORITY);
  }
}
