import { Public } from '@pipeline/auth';
import { All, Controller, Get, HttpCode, Param, Post, Query, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { correlationIdOf } from '@pipeline/http';
import { open311Errors } from './open311.errors';
import { withFormats } from './open311.format';
import { Open311Service, type PostedBody } from './open311.service';
import { Open311ErrorFilter } from './open311-error.filter';
import { Open311FormatInterceptor, WithoutFormatPipe, XmlRoot } from './open311-format.interceptor';
import type { Input } from './open311-request.rules';

const HOST = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

/** The base URL clients reached us by (the gateway keeps the Host header); a malformed Host falls back to ours. */
function publicBaseUrl(req: Request): string {
  const forwarded = req.header('x-forwarded-proto');
  const proto = forwarded === 'https' || forwarded === 'http' ? forwarded : req.protocol;
  const host = req.header('host');
  return `${proto}://${host && HOST.test(host) ? host : `${req.socket.localAddress}:${req.socket.localPort}`}/open311/v2`;
}

function postedBody(req: Request): PostedBody {
  // false: a body of another type, which no parser read; null: no body at all
  return { fields: req.body, readable: req.is(['application/x-www-form-urlencoded', 'application/json']) !== false };
}

/** Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2); each route also answers as `.json` and `.xml`. */
@ApiTags('Open311 GeoReport v2')
// Open311 is for civic apps: reads are public as the spec has them, and posting checks the client's api_key itself
@Public()
@Controller('open311/v2')
@UseFilters(Open311ErrorFilter)
@UseInterceptors(Open311FormatInterceptor)
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @Get(withFormats('discovery'))
  @XmlRoot('discovery')
  discovery(@Query() query: Input, @Req() req: Request) {
    return this.open311.discovery(query, publicBaseUrl(req));
  }

  @Get(withFormats('services'))
  @XmlRoot('services')
  services(@Query() query: Input) {
    return this.open311.services(query);
  }

  @Get('services/:code')
  @XmlRoot('service_definition')
  definition(@Param('code', WithoutFormatPipe) code: string, @Query() query: Input) {
    return this.open311.definition(code, query);
  }

  @Post(withFormats('requests'))
  @HttpCode(201)
  @XmlRoot('service_requests')
  create(@Query() query: Input, @Req() req: Request) {
    return this.open311.create(postedBody(req), query, correlationIdOf(req));
  }

  @Get(withFormats('requests'))
  @XmlRoot('service_requests')
  requests(@Query() query: Input) {
    return this.open311.requests(query);
  }

  @Get('requests/:id')
  @XmlRoot('service_requests')
  request(@Param('id', WithoutFormatPipe) id: string, @Query() query: Input) {
    return this.open311.request(id, query);
  }

  @Get('tokens/:token')
  @XmlRoot('service_requests')
  token(@Param('token', WithoutFormatPipe) token: string, @Query() query: Input) {
    return this.open311.token(token, query);
  }
}

/** Registered after Open311Controller: any other path under /open311 is a GeoReport 404, not our usual body. */
@ApiExcludeController()
@Public()
@Controller()
@UseFilters(Open311ErrorFilter)
export class Open311FallbackController {
  @All(['open311', 'open311/*path'])
  unknown(@Req() req: Request): never {
    throw open311Errors.unknownRoute(req.method, req.originalUrl.split('?')[0]);
  }
}
