import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfigModule } from '@pipeline/config';
import type { GatewayEnv } from './gateway.env';
import { OpenApiController } from './docs/openapi.controller';
import { GatewayHealthController, UPSTREAMS } from './routing/health.controller';
import { upstreams } from './routing/routes';

@Module({})
export class AppModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [AppConfigModule.forRoot(env)],
      controllers: [GatewayHealthController, OpenApiController],
      providers: [{ provide: UPSTREAMS, useValue: upstreams(env) }],
    };
  }
}
