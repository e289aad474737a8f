import type { Migration } from '@pipeline/mongo';

/**
 * `classification.correctedBy` came with clerks' corrections. Complaints
 * classified before it lack the field, and the progress projection reads
 * "not null" as "a clerk decided" (complaint-progress.service.ts), so such a
 * complaint would ignore every later classification from the model.
 */
export const backfillClassificationCorrectedBy: Migration = {
  version: 1,
  name: '补全分类结果的 correctedBy 字段（纠正功能上线前的投诉）',
  async up(db) {
    await db.collection('complaints').updateMany(
      { classification: { $type: 'object' }, 'classification.correctedBy': { $exists: false } },
      { $set: { 'classification.correctedBy': null } },
    );
  },
};
