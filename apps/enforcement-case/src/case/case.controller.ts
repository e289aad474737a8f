import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CaseService } from './case.service';
import { ListCasesQuery } from './dto/list-cases.query';

@ApiTags('执法案件')
@Controller('api/v1/cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @Get()
  @ApiOkResponse({ description: '案件列表，最新的在前' })
  list(@Query() query: ListCasesQuery) {
    return this.cases.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.cases.get(id);
  }
}
