import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@pipeline/auth';
import { DomainError } from '@pipeline/http';
import { MERGED_DOCUMENT_INFO } from '../api-document';
import { UPSTREAMS } from '../routing/health.controller';
import { SERVICE_NAMES, type ServiceKey } from '../routing/routes';
import { mergeOpenApi, type OpenApiDoc } from './openapi-merge';

const CACHE_MS = 30_000;

/** The whole public API as one OpenAPI document, merged from the services' own. */
@ApiExcludeController()
@Public()
@Controller('api/docs')
export class OpenApiController {
  private cached: { at: number; doc: OpenApiDoc } | null = null;
  /** The gateway's own endpoints (sign-in, users, its audit log), documented at start-up. */
  private own: OpenApiDoc | null = null;

  useOwnDocument(doc: OpenApiDoc): void {
    this.own = doc;
    this.cached = null;
  }

  constructor(@Inject(UPSTREAMS) private readonly targets: Record<ServiceKey, string>) {}

  @Get('openapi.json')
  async document(): Promise<OpenApiDoc> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.doc;
    const docs = await Promise.all(
      (Object.keys(this.targets) as ServiceKey[]).map(async (key) => {
        try {
          const res = await fetch(`${this.targets[key]}/api/docs/openapi.json`, { signal: AbortSignal.timeout(3_000) });
          if (!res.ok) throw new Error(String(res.status));
          return { service: SERVICE_NAMES[key], doc: (await res.json()) as OpenApiDoc };
        } catch {
          throw new DomainError('unavailable', 'UPSTREAM_UNAVAILABLE', `${SERVICE_NAMES[key]} 服务暂时不可用，无法生成接口文档`);
        }
      }),
    );
    const doc = mergeOpenApi(MERGED_DOCUMENT_INFO, this.own ? [{ service: 'gateway', doc: this.own }, ...docs] : docs);
    this.cached = { at: Date.now(), doc };
    return doc;
  }
}
