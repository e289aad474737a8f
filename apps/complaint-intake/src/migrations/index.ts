import type { Migration } from '@pipeline/mongo';
import { backfillClassificationCorrectedBy } from './0001-backfill-classification-corrected-by';
import { createRetentionIndex } from './0002-create-retention-index';

/** complaint_intake's migrations, in order; append only (docs/operations-data.md). */
export const INTAKE_MIGRATIONS: readonly Migration[] = [backfillClassificationCorrectedBy, createRetentionIndex];
