import { IntersectionType } from '@nestjs/swagger';
import { IsUrl } from 'class-validator';
import { HttpEnv, RuntimeEnv } from '@pipeline/config';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayEnv extends IntersectionType(RuntimeEnv, HttpEnv) {
  override PORT = 3000;

  @IsUrl(url, { message: 'INTAKE_URL must be an http(s) URL' })
  INTAKE_URL = 'http://127.0.0.1:3001';

  @IsUrl(url, { message: 'CLASSIFICATION_URL must be an http(s) URL' })
  CLASSIFICATION_URL = 'http://127.0.0.1:3002';

  @IsUrl(url, { message: 'CASE_URL must be an http(s) URL' })
  CASE_URL = 'http://127.0.0.1:3003';

  @IsUrl(url, { message: 'EVALUATION_URL must be an http(s) URL' })
  EVALUATION_URL = 'http://127.0.0.1:3004';
}
