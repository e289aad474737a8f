import { Module } from '@nestjs/common';
import { CallerRetentionScheduler } from './retention.scheduler';

/** Callers' identity anonymised a set time after closure (domain.md §7); `npm run retention` runs the same pass by hand. */
@Module({ providers: [CallerRetentionScheduler] })
export class RetentionModule {}
