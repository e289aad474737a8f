import { IntersectionType } from '@nestjs/swagger';
import { HttpEnv, KafkaEnv, MongoEnv, RuntimeEnv } from '@pipeline/config';

export class IntakeEnv extends IntersectionType(RuntimeEnv, HttpEnv, KafkaEnv, MongoEnv) {
  override PORT = 3001;
  override MONGODB_DB = 'complaint_intake';
}
