import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfigModule } from '@pipeline/config';
import { AuthModule, HealthChecksModule } from '@pipeline/http';
import { MongoModule } from '@pipeline/mongo';
import { PrometheusModule, TracingModule } from '@pipeline/observability';
import { AuditModule } from '@pipeline/service';
import type { GatewayEnv } from './gateway.env';
import { OpenApiController } from './docs/openapi.controller';
import { IdentityModule } from './identity/identity.module';
import { GatewayHealthController, UPSTREAMS } from './routing/health.controller';
import { upstreams } from './routing/routes';

@Module({})
export class AppModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(env),
        MongoModule.forRoot({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, serviceName: 'gateway' }),
        AuthModule.forRoot({ jwtSecret: env.AUTH_JWT_SECRET, requestsPerMinute: env.RATE_LIMIT_PER_MINUTE }),
        AuditModule.forRoot('gateway'),
        PrometheusModule.forRoot({ service: 'gateway' }),
        TracingModule,
        HealthChecksModule,
        IdentityModule.forRoot({
          jwtSecret: env.AUTH_JWT_SECRET,
          tokenTtlMinutes: env.AUTH_TOKEN_TTL_MINUTES,
          seedDevelopmentUsers: env.AUTH_SEED_DEV_USERS,
          bootstrapAdminPassword: env.AUTH_BOOTSTRAP_ADMIN_PASSWORD,
        }),
      ],
      controllers: [GatewayHealthController, OpenApiController],
      providers: [{ provide: UPSTREAMS, useValue: upstreams(env) }],
    };
  }
}
