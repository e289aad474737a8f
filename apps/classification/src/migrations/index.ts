import type { Migration } from '@pipeline/mongo';
import { backfillCorrectionCount } from './0001-backfill-correction-count';

/** classification's migrations, in order; append only (docs/operations-data.md). */
export const CLASSIFICATION_MIGRATIONS: readonly Migration[] = [backfillCorrectionCount];
