import { Roles } from '@pipeline/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SquadListDto } from './squad-load.dto';
import { SQUADS_VERSION } from './squads.data';
import { SquadLoadService } from './squad-load.service';

@ApiTags('执法中队')
@Controller('api/v1/squads')
export class SquadsController {
  constructor(private readonly squads: SquadLoadService) {}

  @Get()
  @ApiOkResponse({ description: '各中队在办、逾期与已办结案件数', type: SquadListDto })
  @Roles('dispatcher', 'admin')
  async list(): Promise<SquadListDto> {
    return { version: SQUADS_VERSION, items: await this.squads.loads(true) };
  }
}
