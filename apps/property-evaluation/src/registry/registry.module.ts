import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RegistryController } from './registry.controller';
import { CommunityEntry, CommunityEntrySchema, PropertyCompanyEntry, PropertyCompanyEntrySchema } from './registry.schema';
import { RegistryService } from './registry.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: CommunityEntry.name, schema: CommunityEntrySchema },
      { name: PropertyCompanyEntry.name, schema: PropertyCompanyEntrySchema },
    ]),
  ],
  controllers: [RegistryController],
  providers: [RegistryService],
  exports: [RegistryService],
})
export class RegistryModule {}
