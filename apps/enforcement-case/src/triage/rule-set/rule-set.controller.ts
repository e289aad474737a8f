import { Roles } from '@pipeline/auth';
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RuleSetDto, RuleSetStateDto, RuleSetSummaryDto, RuleSetVersionDto } from './rule-set.dto';
import { RuleSetService } from './rule-set.service';

// Roles arrive with issue 7: until then the acting administrator is recorded as given.
const ADMIN = 'administrator';

@ApiTags('诉转案规则')
@Controller('api/v1/conversion/rule-sets')
export class RuleSetController {
  constructor(private readonly ruleSets: RuleSetService) {}

  @Get()
  @ApiOkResponse({ description: '所有版本，最新的在前', type: [RuleSetSummaryDto] })
  @Roles('dispatcher', 'admin')
  list(): Promise<RuleSetSummaryDto[]> {
    return this.ruleSets.list();
  }

  @Get('active')
  @ApiOkResponse({ description: '正在用于决定的规则集', type: RuleSetDto })
  @Roles('dispatcher', 'admin')
  active(): Promise<RuleSetDto> {
    return this.ruleSets.active();
  }

  @Get(':version')
  @ApiOkResponse({ description: '某一版本的规则集及其是否在用', type: RuleSetVersionDto })
  @Roles('dispatcher', 'admin')
  get(@Param('version', ParseIntPipe) version: number): Promise<RuleSetVersionDto> {
    return this.ruleSets.get(version);
  }

  /** The body is validated by the rule-set validator, which names every bad field. */
  @Post()
  @ApiBody({ description: '{ description, rules: [{ id, description, when, then }], default: { outcome, reason } }' })
  @ApiCreatedResponse({ description: '保存为新版本（尚未启用）', type: RuleSetStateDto })
  @Roles('admin')
  create(@Body() body: Record<string, unknown>): Promise<RuleSetStateDto> {
    return this.ruleSets.create(body, ADMIN);
  }

  @Post(':version/activate')
  @HttpCode(200)
  @ApiOkResponse({ description: '已启用的版本', type: RuleSetStateDto })
  @Roles('admin')
  activate(@Param('version', ParseIntPipe) version: number): Promise<RuleSetStateDto> {
    return this.ruleSets.activate(version, ADMIN);
  }
}
