import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { auditController } from './audit.controller';
import { AUDIT_SERVICE, AuditTrail } from './audit-trail';
import { AuditInterceptor } from './audit.interceptor';
import { AuditEntry, AuditEntrySchema } from './audit.schema';

/** The service's audit log: the trail, the interceptor that writes every change to it, and the administrators' read endpoint. */
@Global()
@Module({})
export class AuditModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: AuditModule,
      imports: [MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }])],
      controllers: [auditController(service)],
      providers: [{ provide: AUDIT_SERVICE, useValue: service }, AuditTrail, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
      exports: [AuditTrail],
    };
  }
}
