import { DynamicModule, Global, Module } from '@nestjs/common';

/**
 * Provides the app's validated env instance (see loadEnv in @pipeline/http)
 * under its own class, so services inject `IntakeEnv` and nothing reads
 * process.env.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot<T extends object>(env: T): DynamicModule {
    return { module: AppConfigModule, providers: [{ provide: env.constructor, useValue: env }], exports: [env.constructor] };
  }
}
