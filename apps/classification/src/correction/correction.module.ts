import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClassificationModule } from '../classification/classification.module';
import { RepeatsModule } from '../repeats/repeats.module';
import { ClassificationCorrection, ClassificationCorrectionSchema } from './classification-correction.schema';
import { CorrectionController } from './correction.controller';
import { CorrectionRepository } from './correction.repository';
import { CorrectionService } from './correction.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: ClassificationCorrection.name, schema: ClassificationCorrectionSchema }]), ClassificationModule, RepeatsModule],
  controllers: [CorrectionController],
  providers: [CorrectionService, CorrectionRepository],
})
export class CorrectionModule {}
