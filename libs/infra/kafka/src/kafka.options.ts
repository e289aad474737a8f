export interface KafkaModuleOptions {
  /** Service name: the Kafka client id and the envelope's producer. */
  serviceName: string;
  brokers: string[];
  topicPrefix: string;
  partitions: number;
  replicationFactor: number;
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
