import { IntersectionType } from '@nestjs/swagger';
import { AuthEnv, DEV_AUTH_JWT_SECRET, EnvValidationError, HttpEnv, IsSecretKey, KafkaEnv, MongoEnv, RuntimeEnv, TracingEnv, validateEnv } from './env';

class TestEnv extends IntersectionType(HttpEnv, KafkaEnv, MongoEnv) {}

describe('validateEnv', () => {
  it('applies local defaults and converts numbers', () => {
    const env = validateEnv(TestEnv, { PORT: '3001', MONGODB_DB: 'intake' });
    expect(env.PORT).toBe(3001);
    expect(env.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(env.MONGODB_URI).toBe('mongodb://127.0.0.1:27017');
    expect(env.KAFKA_TOPIC_PARTITIONS).toBe(6);
  });

  it('names every missing or malformed variable', () => {
    let error: EnvValidationError | undefined;
    try {
      validateEnv(TestEnv, { PORT: 'eighty', KAFKA_BROKERS: 'localhost' });
    } catch (e) {
      error = e as EnvValidationError;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    const variables = error?.problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['KAFKA_BROKERS', 'MONGODB_DB', 'PORT']);
    expect(error?.message).toContain('KAFKA_BROKERS must be host:port');
  });

  it('treats an empty variable as unset', () => {
    expect(validateEnv(TestEnv, { PORT: '1', MONGODB_DB: 'x', KAFKA_TOPIC_PREFIX: '' }).KAFKA_TOPIC_PREFIX).toBe('');
  });
});

const DEV_KEY = Buffer.alloc(32, 7).toString('base64');
class SecretEnv extends RuntimeEnv {
  @IsSecretKey(32, DEV_KEY)
  KEY = DEV_KEY;
}

describe('IsSecretKey', () => {
  it('accepts the development key outside production', () => {
    expect(validateEnv(SecretEnv, {}).KEY).toBe(DEV_KEY);
  });

  it('refuses the development key in production, naming the variable', () => {
    expect(() => validateEnv(SecretEnv, { NODE_ENV: 'production' })).toThrow(/KEY still holds the development key/);
  });

  it('accepts a key of the right length in production and refuses a wrong length anywhere', () => {
    const own = Buffer.alloc(32, 9).toString('base64');
    expect(validateEnv(SecretEnv, { NODE_ENV: 'production', KEY: own }).KEY).toBe(own);
    expect(() => validateEnv(SecretEnv, { KEY: Buffer.alloc(16).toString('base64') })).toThrow(/32 random bytes/);
  });
});

describe('AuthEnv', () => {
  it('signs with the public development key only outside production', () => {
    expect(validateEnv(AuthEnv, {}).AUTH_JWT_SECRET).toBe(DEV_AUTH_JWT_SECRET);
    expect(() => validateEnv(AuthEnv, { NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET still holds the development key/);
    const own = Buffer.alloc(32, 9).toString('base64');
    expect(validateEnv(AuthEnv, { NODE_ENV: 'production', AUTH_JWT_SECRET: own }).AUTH_JWT_SECRET).toBe(own);
  });
});

describe('TracingEnv', () => {
  it('is off by default: no endpoint, SDK not disabled', () => {
    const env = validateEnv(TracingEnv, {});
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT).toBeUndefined();
    expect(env.OTEL_SDK_DISABLED).toBe(false);
  });

  it('refuses a protocol the exporter does not speak and an endpoint that is not a URL', () => {
    let error: EnvValidationError | undefined;
    try {
      validateEnv(TracingEnv, { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' });
    } catch (e) {
      error = e as EnvValidationError;
    }
    expect(error?.problems.map((p) => p.variable).sort()).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL']);
    expect(error?.message).toContain('only http/json is supported');
    expect(validateEnv(TracingEnv, { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318' }).OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
  });
});
