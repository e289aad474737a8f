import { IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUrl, MinLength, ValidateIf, Equals } from 'class-validator';
import { AuthEnv, HttpEnv, MongoEnv, RuntimeEnv, TracingEnv } from '@pipeline/config';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayEnv extends IntersectionType(RuntimeEnv, HttpEnv, MongoEnv, AuthEnv, TracingEnv) {
  override PORT = 3000;
  override MONGODB_DB = 'gateway';

  @IsUrl(url, { message: 'INTAKE_URL must be an http(s) URL' })
  INTAKE_URL = 'http://127.0.0.1:3001';

  @IsUrl(url, { message: 'CLASSIFICATION_URL must be an http(s) URL' })
  CLASSIFICATION_URL = 'http://127.0.0.1:3002';

  @IsUrl(url, { message: 'CASE_URL must be an http(s) URL' })
  CASE_URL = 'http://127.0.0.1:3003';

  @IsUrl(url, { message: 'EVALUATION_URL must be an http(s) URL' })
  EVALUATION_URL = 'http://127.0.0.1:3004';

  /** Seed one user per role with public passwords (README); never in production. */
  @Transform(({ value }) => (value === undefined ? value : value === true || value === 'true' || value === '1'))
  @IsBoolean()
  @ValidateIf((env: GatewayEnv) => env.NODE_ENV === 'production')
  @Equals(false, { message: 'AUTH_SEED_DEV_USERS must be false in production: the development users have public passwords' })
  AUTH_SEED_DEV_USERS = true;

  /** The built web console (default: dist/apps/console beside the gateway's bundle). */
  @IsOptional()
  @IsString()
  CONSOLE_DIR?: string;

  /** Creates the first administrator of a new installation (only when there is no user). */
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'AUTH_BOOTSTRAP_ADMIN_PASSWORD must have at least 12 characters' })
  AUTH_BOOTSTRAP_ADMIN_PASSWORD?: string;
}
