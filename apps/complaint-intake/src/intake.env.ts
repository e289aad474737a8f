import { IntersectionType } from '@nestjs/swagger';
import { AuthEnv, HttpEnv, IsSecretKey, KafkaEnv, MongoEnv, RuntimeEnv } from '@pipeline/config';
import { DEV_OPEN311_API_KEY, IsDevelopmentApiKey } from './open311/open311.env';

// Development keys: public, and refused when NODE_ENV=production.
const DEV_CALLER_DATA_KEY = 'ZGV2LW9ubHktY2FsbGVyLWRhdGEta2V5LTMyYnl0ZXM=';
const DEV_CALLER_REF_KEY = 'ZGV2LW9ubHktY2FsbGVyLXJlZi1rZXktMzItYnl0ZXM=';

export class IntakeEnv extends IntersectionType(RuntimeEnv, HttpEnv, KafkaEnv, MongoEnv, AuthEnv) {
  override PORT = 3001;
  override MONGODB_DB = 'complaint_intake';

  /** Encrypts callers' names and phone numbers at rest (AES-256-GCM). */
  @IsSecretKey(32, DEV_CALLER_DATA_KEY)
  CALLER_DATA_KEY = DEV_CALLER_DATA_KEY;

  /** Keys the caller reference (HMAC-SHA256 of the phone number). */
  @IsSecretKey(32, DEV_CALLER_REF_KEY)
  CALLER_REF_KEY = DEV_CALLER_REF_KEY;

  /** API key of the development Open311 client seeded at start-up; `none` seeds none (required in production). */
  @IsDevelopmentApiKey()
  OPEN311_DEV_API_KEY = DEV_OPEN311_API_KEY;
}
