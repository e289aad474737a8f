import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfigModule, type AuthEnv, type KafkaEnv, type MongoEnv } from '@pipeline/config';
import { AuthModule, HealthModule } from '@pipeline/http';
import { KafkaModule } from '@pipeline/kafka';
import { MongoEventingModule, MongoModule } from '@pipeline/mongo';
import { PrometheusModule, TracingModule } from '@pipeline/observability';
import { AuditModule } from './audit/audit.module';
import { PipelineMetrics } from './pipeline-metrics';

/** The consumer's and the outbox relay's figures beside the app's metrics (PipelineMetrics). */
@Module({})
class PipelineMetricsModule {}

/**
 * The modules every domain service imports: its validated env, the Kafka
 * publisher and topic set-up, its own database with the outbox relay and
 * processed-event log, the health endpoints, Prometheus metrics, the
 * default-deny auth guard, the audit log of every change a person makes, the
 * flush of its spans on shutdown, and the scheduler of its periodic jobs
 * (@Interval; stopped when the app closes).
 */
export function serviceInfrastructure(env: KafkaEnv & MongoEnv & AuthEnv, service: { name: string; version: string; consumes: boolean }): DynamicModule[] {
  return [
    AppConfigModule.forRoot(env),
    KafkaModule.forRoot({
      serviceName: service.name,
      brokers: env.KAFKA_BROKERS.split(','),
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      partitions: env.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    }),
    MongoModule.forRoot({ uri: env.MONGODB_URI, dbName: env.MONGODB_DB, serviceName: service.name }),
    { module: MongoEventingModule },
    HealthModule.forRoot(service),
    PrometheusModule.forRoot({ service: service.name }),
    { module: PipelineMetricsModule, providers: [PipelineMetrics] },
    AuthModule.forRoot({ jwtSecret: env.AUTH_JWT_SECRET, requestsPerMinute: env.RATE_LIMIT_PER_MINUTE }),
    AuditModule.forRoot(service.name),
    { module: TracingModule },
    ScheduleModule.forRoot(),
  ];
}
