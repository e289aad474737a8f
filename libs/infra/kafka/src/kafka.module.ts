import { Global, Logger, Module, type DynamicModule, type INestApplication, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import type { NestMicroservice } from '@nestjs/microservices';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { throwError, type Observable } from 'rxjs';
import { consumerGroupName } from '@pipeline/contracts';
import { ConsumerStatus } from './consumer-status';
import { EventPublisher } from './event-publisher';
import { KafkaEventsTransport } from './events-transport';
import { KAFKA_CLIENT, KAFKA_OPTIONS, type KafkaModuleOptions } from './kafka.options';
import type { ProcessedEventStore } from './processed-event-store';
import { TopicAdmin } from './topic-admin';

function kafkaLogger(serviceName: string) {
  const logger = new Logger(`kafkajs:${serviceName}`);
  return () => ({ level, log }: LogEntry) => {
    // Bounded producer retries are deliberate: a relay pass fails and backs off instead of
    // hanging, and event ids (not the producer's sequence numbers) make delivery idempotent.
    if (log.message.startsWith('Limiting retries for the idempotent producer')) return;
    const text = `${log.message}${log.error ? ` (${log.error})` : ''}`;
    if (level === logLevel.ERROR) logger.error(text);
    else if (level === logLevel.WARN) logger.warn(text);
  };
}

@Global()
@Module({})
export class KafkaModule implements OnApplicationBootstrap {
  constructor(private readonly moduleRef: ModuleRef) {}

  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        {
          provide: KAFKA_CLIENT,
          useFactory: () =>
            new Kafka({
              clientId: options.serviceName,
              brokers: options.brokers,
              logLevel: logLevel.WARN,
              logCreator: kafkaLogger(options.serviceName),
              retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 10_000 },
            }),
        },
        EventPublisher,
        TopicAdmin,
        ConsumerStatus,
      ],
      exports: [KAFKA_OPTIONS, KAFKA_CLIENT, EventPublisher, TopicAdmin, ConsumerStatus],
    };
  }

  /** Topics exist before anything publishes or subscribes. */
  async onApplicationBootstrap(): Promise<void> {
    await this.moduleRef.get(TopicAdmin).ensureTopics();
  }
}

/** Keeps a handler's original error so the transport can tell transient from permanent. */
@Catch()
export class RethrowRpcErrors implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Attaches the event consumer to a Nest app: every `@ConsumesEvent` handler in its
 * controllers is subscribed under the service's consumer group.
 */
export function connectEventConsumer(
  app: INestApplication,
  opts: { partitionsConcurrency: number; dedup?: ProcessedEventStore },
): KafkaEventsTransport {
  const options = app.get<KafkaModuleOptions>(KAFKA_OPTIONS);
  const transport = new KafkaEventsTransport({
    kafka: app.get(KAFKA_CLIENT),
    publisher: app.get(EventPublisher),
    status: app.get(ConsumerStatus),
    // one group per service, namespaced like the topics, so prefixed environments never share offsets
    groupId: consumerGroupName(options.serviceName, options.topicPrefix),
    topicPrefix: options.topicPrefix,
    partitionsConcurrency: opts.partitionsConcurrency,
    dedup: opts.dedup,
  });
  // Filters are bound when listeners are registered, so register them only after ours is in
  // place (Nest's own connectMicroservice does these three steps without the filter).
  const microservice = app.connectMicroservice({ strategy: transport }, { inheritAppConfig: false, deferInitialization: true }) as unknown as NestMicroservice;
  microservice.useGlobalFilters(new RethrowRpcErrors());
  microservice.registerListeners();
  microservice.setIsInitialized(true);
  microservice.setIsInitHookCalled(true);
  return transport;
}
