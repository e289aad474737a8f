import { Module, type DynamicModule } from '@nestjs/common';
import { BrokerProbe } from './health.checks';
import { HealthController, SERVICE_INFO, type ServiceInfo } from './health.controller';

@Module({})
export class HealthModule {
  static forRoot(info: ServiceInfo): DynamicModule {
    return { module: HealthModule, controllers: [HealthController], providers: [{ provide: SERVICE_INFO, useValue: info }, BrokerProbe] };
  }
}
