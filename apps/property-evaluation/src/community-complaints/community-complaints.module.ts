import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommunityComplaint, CommunityComplaintSchema } from './community-complaint.schema';
import { CommunityComplaintsConsumer } from './community-complaints.consumer';
import { CommunityComplaintsController } from './community-complaints.controller';
import { CommunityComplaintsRepository } from './community-complaints.repository';
import { CommunityComplaintsService } from './community-complaints.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: CommunityComplaint.name, schema: CommunityComplaintSchema }])],
  controllers: [CommunityComplaintsController, CommunityComplaintsConsumer],
  providers: [CommunityComplaintsService, CommunityComplaintsRepository],
})
export class CommunityComplaintsModule {}
