import { ensureIndex, type Migration } from '@pipeline/mongo';
import { RETENTION_INDEX } from '../retention/retention-index';

/** The retention job walks closed complaints by closure time; built here, before the job first runs, rather than in the background by mongoose. */
export const createRetentionIndex: Migration = {
  version: 2,
  name: '为保存期限任务建立 closure.at 索引',
  async up(db) {
    await ensureIndex(db, 'complaints', RETENTION_INDEX.keys, { name: RETENTION_INDEX.name });
  },
};
