export * from './bootstrap';
export * from './service-infrastructure';
export * from './pipeline-metrics';
export * from './audit/audit.module';
export * from './audit/audit-trail';
export * from './audit/redact';
