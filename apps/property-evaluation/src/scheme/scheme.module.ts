import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SchemeController } from './scheme.controller';
import { StoredScheme, StoredSchemeSchema } from './scheme.schema';
import { SchemeService } from './scheme.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: StoredScheme.name, schema: StoredSchemeSchema }])],
  controllers: [SchemeController],
  providers: [SchemeService],
  exports: [SchemeService],
})
export class SchemeModule {}
