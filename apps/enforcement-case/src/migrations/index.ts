import type { Migration } from '@pipeline/mongo';
import { dropSupersededScopeIndex } from './0001-drop-superseded-scope-index';

/** enforcement_case's migrations, in order; append only (docs/operations-data.md). */
export const CASE_MIGRATIONS: readonly Migration[] = [dropSupersededScopeIndex];
