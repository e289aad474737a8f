import { IntersectionType } from '@nestjs/swagger';
import { AuthEnv, HttpEnv, KafkaEnv, MongoEnv, RuntimeEnv, TracingEnv } from '@pipeline/config';

export class EvaluationEnv extends IntersectionType(RuntimeEnv, HttpEnv, KafkaEnv, MongoEnv, AuthEnv, TracingEnv) {
  override PORT = 3004;
  override MONGODB_DB = 'property_evaluation';
}
