import { dropIndexIfPresent, type Migration } from '@pipeline/mongo';

/**
 * The first metric counted complaint records by (hotspotAreaId, inScope,
 * converted); the metric of ADR 0009 groups in several ways and no longer
 * uses that index. mongoose only ever adds indexes, so stores created before
 * keep it, and every write still pays for it.
 */
export const dropSupersededScopeIndex: Migration = {
  version: 1,
  name: '删除旧指标使用的 complaint_records 索引 hotspotAreaId_1_inScope_1_converted_1',
  async up(db) {
    await dropIndexIfPresent(db, 'complaint_records', 'hotspotAreaId_1_inScope_1_converted_1');
  },
};
