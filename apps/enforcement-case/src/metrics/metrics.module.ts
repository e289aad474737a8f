import { Module } from '@nestjs/common';
import { ConversionModule } from '../conversion/conversion.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({ imports: [ConversionModule], controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}
