import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController, SERVICE_INFO, type ServiceInfo } from './health.controller';
import { BrokerHealthIndicator, ConsumerHealthIndicator, OutboxHealthIndicator, StoreHealthIndicator } from './health.indicators';

const INDICATORS = [StoreHealthIndicator, BrokerHealthIndicator, ConsumerHealthIndicator, OutboxHealthIndicator];

/**
 * Terminus and our indicators, for an app that writes its own health
 * controller (the gateway). Terminus logs nothing: probes poll, and a check
 * that is down is named in the answer.
 */
@Module({ imports: [TerminusModule.forRoot({ logger: false })], providers: INDICATORS, exports: [TerminusModule, ...INDICATORS] })
export class HealthChecksModule {}

/** /health, /health/live and /health/ready of a service. */
@Module({})
export class HealthModule {
  static forRoot(info: ServiceInfo): DynamicModule {
    return { module: HealthModule, imports: [HealthChecksModule], controllers: [HealthController], providers: [{ provide: SERVICE_INFO, useValue: info }] };
  }
}
