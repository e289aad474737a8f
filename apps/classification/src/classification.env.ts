import { IntersectionType } from '@nestjs/swagger';
import { AuthEnv, HttpEnv, KafkaEnv, MongoEnv, RuntimeEnv, TracingEnv } from '@pipeline/config';

export class ClassificationEnv extends IntersectionType(RuntimeEnv, HttpEnv, KafkaEnv, MongoEnv, AuthEnv, TracingEnv) {
  override PORT = 3002;
  override MONGODB_DB = 'classification';
}
