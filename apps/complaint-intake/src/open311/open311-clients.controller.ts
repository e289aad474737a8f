import { Roles } from '@pipeline/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateOpen311ClientDto } from './dto/create-open311-client.dto';
import { Open311ClientsService } from './open311-clients.service';

/**
 * The bureau's administration of Open311 clients. Not routed by the
 * gateway: reachable on the intake service itself only.
 */
@ApiTags('Open311 接入方管理')
@Controller('api/v1/open311/clients')
export class Open311ClientsController {
  constructor(private readonly clients: Open311ClientsService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: '新接入方及其 apiKey：apiKey 只在此时显示一次，服务端只保存其 SHA-256 摘要' })
  @Roles('admin')
  issue(@Body() dto: CreateOpen311ClientDto) {
    return this.clients.issue(dto.name);
  }

  @Get()
  @ApiOkResponse({ description: '全部接入方，最新的在前；不含密钥' })
  @Roles('admin')
  list() {
    return this.clients.list();
  }

  @Delete(':id')
  @ApiOkResponse({ description: '已吊销（重复吊销保留首次吊销时间）' })
  @ApiNotFoundResponse({ description: '接入方不存在' })
  @Roles('admin')
  revoke(@Param('id') id: string) {
    return this.clients.revoke(id);
  }
}
