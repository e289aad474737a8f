import type { Db, Collection } from 'mongodb';
import { isDuplicateKeyError } from '../errors';

export const MIGRATION_LOCK_COLLECTION = 'migration_lock';
const LOCK_ID = 'lock';

interface LockDocument {
  _id: string;
  owner: string;
  acquiredAt: Date;
}

export interface LockTiming {
  /** How often a waiting runner looks again. */
  pollMs: number;
  /** A lock older than this is taken to belong to a crashed runner and is taken over. */
  staleAfterMs: number;
  /** How long a runner waits for another before giving up. */
  waitAtMostMs: number;
}

export const DEFAULT_LOCK_TIMING: LockTiming = { pollMs: 250, staleAfterMs: 10 * 60_000, waitAtMostMs: 15 * 60_000 };

/**
 * One runner at a time per database, without transactions: the lock is a
 * single document with a fixed _id, so inserting it is atomic in both
 * stores and a second insert fails with a duplicate key.
 */
export class MigrationLock {
  private readonly locks: Collection<LockDocument>;

  constructor(db: Db, private readonly owner: string, private readonly timing: LockTiming = DEFAULT_LOCK_TIMING) {
    this.locks = db.collection<LockDocument>(MIGRATION_LOCK_COLLECTION);
  }

  async acquire(onWait: (holder: string) => void): Promise<void> {
    const giveUpAt = Date.now() + this.timing.waitAtMostMs;
    let announced = false;
    for (;;) {
      try {
        await this.locks.insertOne({ _id: LOCK_ID, owner: this.owner, acquiredAt: new Date() });
        return;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const holder = await this.locks.findOne({ _id: LOCK_ID });
      if (holder && Date.now() - holder.acquiredAt.getTime() > this.timing.staleAfterMs) {
        // guarded by owner and time: two waiters cannot both remove a fresh lock
        await this.locks.deleteOne({ _id: LOCK_ID, owner: holder.owner, acquiredAt: holder.acquiredAt });
        continue;
      }
      if (holder && !announced) {
        onWait(holder.owner);
        announced = true;
      }
      if (Date.now() > giveUpAt) throw new Error(`等待迁移锁超时：${holder?.owner ?? '未知'} 持有锁`);
      await new Promise((resolve) => setTimeout(resolve, this.timing.pollMs));
    }
  }

  async release(): Promise<void> {
    await this.locks.deleteOne({ _id: LOCK_ID, owner: this.owner });
  }
}
