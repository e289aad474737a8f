import { plainToInstance, Transform, type ClassConstructor } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateBy, validateSync, type ValidationOptions } from 'class-validator';
import { flattenValidationErrors } from '@pipeline/contracts';

/**
 * Environment pieces. Each app composes the pieces it needs into one class
 * (see `composeEnv`) that is validated once at start-up; nothing else reads
 * process.env. Defaults are the local development profile.
 */
export class RuntimeEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export class HttpEnv {
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number;

  @IsString()
  @Matches(/^[\d.:a-f]+$/i, { message: 'HOST must be an IP address, e.g. 127.0.0.1' })
  HOST = '127.0.0.1';

  /** Largest accepted request body; larger ones get 413. */
  @IsString()
  @Matches(/^\d+(kb|mb)$/, { message: 'HTTP_BODY_LIMIT must look like 64kb or 1mb' })
  HTTP_BODY_LIMIT = '64kb';
}

export class KafkaEnv {
  /** Comma-separated host:port list. Use 127.0.0.1, not localhost (Node may pick ::1). */
  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** Prefix for every topic name; isolates environments sharing a cluster. Empty in production. */
  @Matches(/^([a-z0-9][a-z0-9-]*)?$/, { message: 'KAFKA_TOPIC_PREFIX may hold a–z, 0–9 and -' })
  KAFKA_TOPIC_PREFIX = '';

  /** Partitions for topics this service creates; the ceiling on consumer instances. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(256)
  KAFKA_TOPIC_PARTITIONS = 6;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(5)
  KAFKA_REPLICATION_FACTOR = 1;

  /** Partitions one consumer instance works on at the same time. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(32)
  KAFKA_PARTITIONS_CONCURRENCY = 3;
}

export class MongoEnv {
  @IsString()
  @Matches(/^mongodb(\+srv)?:\/\/.+/, { message: 'MONGODB_URI must start with mongodb:// or mongodb+srv://' })
  MONGODB_URI = 'mongodb://127.0.0.1:27017';

  /** This service's own database; every service has its own. */
  @IsString()
  @IsNotEmpty()
  @Matches(/^[A-Za-z0-9_-]{1,63}$/, { message: 'MONGODB_DB may hold letters, digits, _ and -' })
  MONGODB_DB: string;

  /** Apply pending schema migrations at start-up; false when a deploy step runs `npm run migrate` instead. */
  @Transform(({ value }) => (value === undefined || typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'MIGRATE_ON_START must be true or false' })
  MIGRATE_ON_START = true;
}

const OTLP_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/**
 * OpenTelemetry tracing, under the standard OTEL_* names. Off unless an OTLP
 * endpoint is given; the exporter speaks OTLP over HTTP with JSON bodies.
 * (The exporter itself also reads OTEL_EXPORTER_OTLP_HEADERS and _TIMEOUT,
 * and the SDK OTEL_BSP_* and OTEL_TRACES_SAMPLER*, as the specification says.)
 */
export class TracingEnv {
  /** Base URL of an OTLP/HTTP receiver (a collector); traces go to `<url>/v1/traces`. */
  @IsOptional()
  @IsUrl(OTLP_URL, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The full traces URL; wins over OTEL_EXPORTER_OTLP_ENDPOINT. */
  @IsOptional()
  @IsUrl(OTLP_URL, { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** Only JSON over HTTP is built in; anything else is refused rather than silently ignored. */
  @IsOptional()
  @IsIn(['http/json'], { message: 'OTEL_EXPORTER_OTLP_PROTOCOL: only http/json is supported' })
  OTEL_EXPORTER_OTLP_PROTOCOL?: string;

  @IsOptional()
  @IsIn(['http/json'], { message: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: only http/json is supported' })
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?: string;

  /** service.name of the spans; the service's own name when absent. */
  @IsOptional()
  @IsString()
  @Matches(/^[\w.-]{1,100}$/, { message: 'OTEL_SERVICE_NAME may hold letters, digits, _, . and -' })
  OTEL_SERVICE_NAME?: string;

  /** Turns tracing off even with an endpoint set. */
  @Transform(({ value }) => (value === undefined || typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'OTEL_SDK_DISABLED must be true or false' })
  OTEL_SDK_DISABLED = false;
}

/** The public development signing key: every service refuses it in production. */
export const DEV_AUTH_JWT_SECRET = 'ZGV2LW9ubHktand0LXNlY3JldC1xaW5nZGFvLTAwMDE=';

export class AuthEnv {
  /** HMAC key that signs and checks access tokens (HS256), shared by the gateway and the services. */
  @IsSecretKey(32, DEV_AUTH_JWT_SECRET)
  AUTH_JWT_SECRET = DEV_AUTH_JWT_SECRET;

  /** How long an access token lasts: one working shift by default. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  AUTH_TOKEN_TTL_MINUTES = 480;

  /** Requests a minute per signed-in user (or Open311 key, or address) before 429. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100_000)
  RATE_LIMIT_PER_MINUTE = 600;
}

export class EnvValidationError extends Error {
  constructor(readonly problems: { variable: string; messages: string[] }[]) {
    super(`配置错误（环境变量）：\n${problems.map((p) => `  ${p.variable}: ${p.messages.join('; ')}`).join('\n')}`);
  }
}

/** Validates a raw environment against an env class; throws naming each bad variable. */
export function validateEnv<T extends object>(cls: ClassConstructor<T>, raw: Record<string, unknown>): T {
  // empty strings mean "unset" so that `FOO= node main.js` falls back to the default
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
  const env = plainToInstance(cls, cleaned, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length) {
    throw new EnvValidationError(flattenValidationErrors(errors).map((e) => ({ variable: e.field, messages: e.messages })));
  }
  return env;
}

/**
 * A secret with a development default: checked to decode to `bytes` bytes of
 * base64, and refused in production when it still holds the development
 * value (which is public, in this repository).
 */
export function IsSecretKey(bytes: number, developmentValue: string, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isSecretKey',
      validator: {
        validate: (value: unknown, args) => {
          if (typeof value !== 'string' || Buffer.from(value, 'base64').length !== bytes) return false;
          const env = args?.object as { NODE_ENV?: string };
          return !(env.NODE_ENV === 'production' && value === developmentValue);
        },
        defaultMessage: (args) =>
          (args?.object as { NODE_ENV?: string }).NODE_ENV === 'production' && args?.value === developmentValue
            ? `${args?.property} still holds the development key; set a secret of your own in production`
            : `${args?.property} must be ${bytes} random bytes, base64-encoded (e.g. openssl rand -base64 ${bytes})`,
      },
    },
    options,
  );
}
