import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AUTH_OPTIONS, AuthGuard, type AuthOptions } from './auth.guard';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * Every HTTP endpoint of the app behind the default-deny guard, then the rate
 * limit per person (in this order, so the limit knows who is calling).
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions & { requestsPerMinute: number }): DynamicModule {
    return {
      module: AuthModule,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'per-person', ttl: 60_000, limit: options.requestsPerMinute }] })],
      providers: [
        { provide: AUTH_OPTIONS, useValue: { jwtSecret: options.jwtSecret } },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [AUTH_OPTIONS],
    };
  }
}
