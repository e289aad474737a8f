import { IntersectionType } from '@nestjs/swagger';
import { CalendarEnv } from '@pipeline/calendar';
import { Transform } from 'class-transformer';
import { IsNumber, Max, Min } from 'class-validator';
import { AuthEnv, HttpEnv, KafkaEnv, MongoEnv, RuntimeEnv, TracingEnv } from '@pipeline/config';

export class CaseEnv extends IntersectionType(RuntimeEnv, HttpEnv, KafkaEnv, MongoEnv, AuthEnv, CalendarEnv, TracingEnv) {
  override PORT = 3003;
  override MONGODB_DB = 'enforcement_case';

  /** The bureau's 诉转案 target in the hotspot areas (2024 work plan: 10%). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsNumber()
  @Min(0)
  @Max(1)
  COMPLAINT_TO_CASE_TARGET = 0.1;
}
