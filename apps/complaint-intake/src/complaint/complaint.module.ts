import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ComplaintController } from './complaint.controller';
import { ComplaintRepository } from './complaint.repository';
import { Complaint, ComplaintSchema } from './complaint.schema';
import { ComplaintService } from './complaint.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Complaint.name, schema: ComplaintSchema }])],
  controllers: [ComplaintController],
  providers: [ComplaintService, ComplaintRepository],
})
export class ComplaintModule {}
