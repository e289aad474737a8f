import { Roles } from '@pipeline/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SQUADS_VERSION } from './squads.data';
import { SquadLoadService } from './squad-load.service';

@ApiTags('执法中队')
@Controller('api/v1/squads')
export class SquadsController {
  constructor(private readonly squads: SquadLoadService) {}

  @Get()
  @ApiOkResponse({ description: '各中队在办、逾期与已办结案件数' })
  @Roles('dispatcher', 'admin')
  async list() {
    return { version: SQUADS_VERSION, items: await this.squads.loads(true) };
  }
}
