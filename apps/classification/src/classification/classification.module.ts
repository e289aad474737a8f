import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { ComplaintClassifier } from '../classifier/complaint-classifier';
import { PlaceLocator } from '../classifier/place-locator';
import { createShippedClassifier } from '../classifier/shipped-model';
import { COMPLAINT_CLASSIFIER } from './classification.constants';
import { ClassificationConsumer } from './classification.consumer';
import { ClassificationController } from './classification.controller';
import { ClassificationRepository } from './classification.repository';
import { ComplaintClassification, ComplaintClassificationSchema } from './classification.schema';
import { ClassificationService } from './classification.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: ComplaintClassification.name, schema: ComplaintClassificationSchema }])],
  controllers: [ClassificationController, ClassificationConsumer],
  providers: [
    // Built once at start-up: the lexicon's term tables and the polygon index
    // are costly to build and the classifier is pure, so every message shares them.
    // the trained ensemble (apps/classification/model/model.json), loaded once at start-up
    { provide: COMPLAINT_CLASSIFIER, useFactory: (): ComplaintClassifier => createShippedClassifier({ places: new PlaceLocator() }) },
    ClassificationService,
    ClassificationRepository,
  ],
})
export class ClassificationModule {}
