import { IntersectionType } from '@nestjs/swagger';
import { CalendarEnv } from '@pipeline/calendar';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { AuthEnv, HttpEnv, IsSecretKey, KafkaEnv, MongoEnv, RuntimeEnv, TracingEnv } from '@pipeline/config';
import { DEV_OPEN311_API_KEY, IsDevelopmentApiKey } from './open311/open311.env';

// Development keys: public, and refused when NODE_ENV=production.
const DEV_CALLER_DATA_KEY = 'ZGV2LW9ubHktY2FsbGVyLWRhdGEta2V5LTMyYnl0ZXM=';
const DEV_CALLER_REF_KEY = 'ZGV2LW9ubHktY2FsbGVyLXJlZi1rZXktMzItYnl0ZXM=';

export class IntakeEnv extends IntersectionType(RuntimeEnv, HttpEnv, KafkaEnv, MongoEnv, AuthEnv, CalendarEnv, TracingEnv) {
  override PORT = 3001;
  override MONGODB_DB = 'complaint_intake';

  /** Encrypts callers' names and phone numbers at rest (AES-256-GCM). */
  @IsSecretKey(32, DEV_CALLER_DATA_KEY)
  CALLER_DATA_KEY = DEV_CALLER_DATA_KEY;

  /** Keys the caller reference (HMAC-SHA256 of the phone number). */
  @IsSecretKey(32, DEV_CALLER_REF_KEY)
  CALLER_REF_KEY = DEV_CALLER_REF_KEY;

  /** Days after a complaint's closure its caller's identity is kept, then anonymised (domain.md §7: e.g. one year). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'CALLER_RETENTION_DAYS must be a whole number of days' })
  @Min(1)
  @Max(3650)
  CALLER_RETENTION_DAYS = 365;

  /** Run the retention pass daily in the service; false when `npm run retention` is scheduled outside instead. */
  @Transform(({ value }) => (value === undefined || typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'CALLER_RETENTION_JOB must be true or false' })
  CALLER_RETENTION_JOB = true;

  /** API key of the development Open311 client seeded at start-up; `none` seeds none (required in production). */
  @IsDevelopmentApiKey()
  OPEN311_DEV_API_KEY = DEV_OPEN311_API_KEY;
}
