import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { ComplaintClassifier } from '../classifier/complaint-classifier';
import { PlaceLocator } from '../classifier/place-locator';
import { createShippedClassifier } from '../classifier/shipped-model';
import { RepeatsModule } from '../repeats/repeats.module';
import { COMPLAINT_CLASSIFIER } from './classification.constants';
import { ClassificationConsumer } from './classification.consumer';
import { ClassificationController } from './classification.controller';
import { ClassificationRepository } from './classification.repository';
import { ComplaintClassification, ComplaintClassificationSchema } from './classification.schema';
import { ClassificationService } from './classification.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: ComplaintClassification.name, schema: ComplaintClassificationSchema }]), RepeatsModule],
  controllers: [ClassificationController, ClassificationConsumer],
  providers: [
    // The trained ensemble (apps/classification/model/model.json) with the
    // lexicon and the polygon index, built once at start-up: they are costly
    // to build and the classifier is pure, so every message shares them.
    { provide: COMPLAINT_CLASSIFIER, useFactory: (): ComplaintClassifier => createShippedClassifier({ places: new PlaceLocator() }) },
    ClassificationService,
    ClassificationRepository,
  ],
  // corrections change the stored classification
  exports: [ClassificationRepository],
})
export class ClassificationModule {}
