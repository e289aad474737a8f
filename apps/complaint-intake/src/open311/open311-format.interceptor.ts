import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor, type PipeTransform } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { CONTENT_TYPES, formatOf, withoutFormat } from './open311.format';
import { toXml } from './open311.xml';

const XML_ROOT = 'open311:xml-root';

/** The root element of a route's XML answer (`services`, `service_requests` …). */
export const XmlRoot = (root: string) => SetMetadata(XML_ROOT, root);

/** Renders a route's answer in the format its path asks for: `.xml` as GeoReport XML, else JSON. */
@Injectable()
export class Open311FormatInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const root = this.reflector.get<string>(XML_ROOT, ctx.getHandler());
    const http = ctx.switchToHttp();
    const format = formatOf(http.getRequest<Request>().originalUrl);
    return next.handle().pipe(
      map((body: unknown) => {
        http.getResponse<Response>().setHeader('content-type', CONTENT_TYPES[format]);
        return format === 'xml' ? toXml(root, body) : body;
      }),
    );
  }
}

/** `gas.xml` → `gas` for a path parameter; another extension is a 404. */
@Injectable()
export class WithoutFormatPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return withoutFormat(value);
  }
}
