import { Roles } from '@pipeline/auth';
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RuleSetService } from './rule-set.service';

// Roles arrive with issue 7: until then the acting administrator is recorded as given.
const ADMIN = 'administrator';

@ApiTags('诉转案规则')
@Controller('api/v1/conversion/rule-sets')
export class RuleSetController {
  constructor(private readonly ruleSets: RuleSetService) {}

  @Get()
  @ApiOkResponse({ description: '所有版本，最新的在前' })
  @Roles('dispatcher', 'admin')
  list() {
    return this.ruleSets.list();
  }

  @Get('active')
  @Roles('dispatcher', 'admin')
  active() {
    return this.ruleSets.active();
  }

  @Get(':version')
  @Roles('dispatcher', 'admin')
  get(@Param('version', ParseIntPipe) version: number) {
    return this.ruleSets.get(version);
  }

  /** The body is validated by the rule-set validator, which names every bad field. */
  @Post()
  @ApiBody({ description: '{ description, rules: [{ id, description, when, then }], default: { outcome, reason } }' })
  @Roles('admin')
  create(@Body() body: Record<string, unknown>) {
    return this.ruleSets.create(body, ADMIN);
  }

  @Post(':version/activate')
  @HttpCode(200)
  @Roles('admin')
  activate(@Param('version', ParseIntPipe) version: number) {
    return this.ruleSets.activate(version, ADMIN);
  }
}
