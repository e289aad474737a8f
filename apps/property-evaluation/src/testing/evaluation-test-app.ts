import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { validateEnv } from '@pipeline/config';
import { createEnvelope, physicalTopicName, type TopicContract } from '@pipeline/contracts';
import { startTestService } from '@pipeline/service-testing';
import { apiClient, dropTestDatabase, testDbName, testInfra } from '@pipeline/testing';
import { AppModule, SERVICE_NAME } from '../app.module';
import { EvaluationEnv } from '../evaluation.env';

/** The evaluation service on the real broker and store, in a namespace of its own, with a producer for upstream events. */
export class EvaluationTestApp {
  private constructor(
    readonly ns: string,
    readonly app: INestApplication,
    private readonly producer: Producer,
  ) {}

  static async start(ns: string): Promise<EvaluationTestApp> {
    const { kafkaBrokers, mongoUri } = testInfra();
    const env = validateEnv(EvaluationEnv, {
      NODE_ENV: 'test', KAFKA_BROKERS: kafkaBrokers, KAFKA_TOPIC_PREFIX: ns, KAFKA_TOPIC_PARTITIONS: '3', MONGODB_URI: mongoUri, MONGODB_DB: testDbName(ns, 'evaluation'),
    });
    const app = await startTestService(AppModule.forRoot(env), { name: SERVICE_NAME, consumes: true, bodyLimit: '256kb', logLevel: 'warn' });
    const producer = new Kafka({ clientId: 'test', brokers: kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    return new EvaluationTestApp(ns, app, producer);
  }

  http() {
    return apiClient(this.app.getHttpServer());
  }

  topic(contract: TopicContract): string {
    return physicalTopicName(contract.name, this.ns);
  }

  /** Publishes payloads as another service would, each in its own envelope keyed by `key(payload)`. */
  async emit<P extends object>(contract: TopicContract<P>, payloads: P[], key: (p: P) => string): Promise<void> {
    const messages = payloads.map((payload) => {
      const envelope = createEnvelope({ type: contract.type, version: contract.version, producer: 'test', key: key(payload), payload });
      return { key: envelope.key, value: JSON.stringify(envelope) };
    });
    await this.producer.send({ topic: this.topic(contract), messages });
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
    const { name } = this.app.get<Connection>(getConnectionToken());
    await this.app.close();
    await dropTestDatabase(name);
  }
}
