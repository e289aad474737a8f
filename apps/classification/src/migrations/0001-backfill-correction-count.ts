import type { Migration } from '@pipeline/mongo';

/**
 * `correctionCount` came with clerks' corrections; classifications stored
 * before have no count, which the correction guard has to special-case
 * ({ $exists: false }). Afterwards every record carries a number.
 */
export const backfillCorrectionCount: Migration = {
  version: 1,
  name: '补全分类记录的 correctionCount（纠正功能上线前的记录记为 0）',
  async up(db) {
    await db.collection('classifications').updateMany({ correctionCount: { $exists: false } }, { $set: { correctionCount: 0 } });
  },
};
