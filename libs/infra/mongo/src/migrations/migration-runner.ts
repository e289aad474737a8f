import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { checkMigrationList, pendingMigrations, type Migration } from './migration';
import { DEFAULT_LOCK_TIMING, MigrationLock, type LockTiming } from './migration-lock';

/** Applied versions: `_id` is the version, so the store's unique _id index keeps each one recorded once. */
export const MIGRATIONS_COLLECTION = 'migrations';

export interface AppliedMigration {
  _id: number;
  name: string;
  appliedAt: Date;
  durationMs: number;
  appliedBy: string;
}

export interface MigrationReport {
  applied: { version: number; name: string; durationMs: number }[];
  /** Versions that were already recorded before this run. */
  alreadyApplied: number;
}

export interface RunMigrationsOptions {
  /** Progress lines (Chinese), for the log or the command's output. */
  log?: (line: string) => void;
  /** Names this runner in the lock and in the record (default host and process). */
  owner?: string;
  lockTiming?: LockTiming;
}

/**
 * Applies the pending migrations in order under the database's migration
 * lock. Versions are read again after the lock is taken, so a runner that
 * waited for another finds the work done and applies nothing.
 */
export async function runMigrations(db: Db, migrations: readonly Migration[], options: RunMigrationsOptions = {}): Promise<MigrationReport> {
  checkMigrationList(migrations);
  const log = options.log ?? (() => undefined);
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const lock = new MigrationLock(db, owner, options.lockTiming ?? DEFAULT_LOCK_TIMING);
  await lock.acquire((holder) => log(`另一个实例（${holder}）正在迁移数据库 ${db.databaseName}，等待其完成`));
  try {
    const records = db.collection<AppliedMigration>(MIGRATIONS_COLLECTION);
    const applied = new Set((await records.find({}, { projection: { _id: 1 } }).toArray()).map((r) => r._id));
    const report: MigrationReport = { applied: [], alreadyApplied: applied.size };
    for (const migration of pendingMigrations(migrations, applied)) {
      log(`执行迁移 ${migration.version}：${migration.name}`);
      const started = Date.now();
      await migration.up(db);
      const durationMs = Date.now() - started;
      await records.insertOne({ _id: migration.version, name: migration.name, appliedAt: new Date(), durationMs, appliedBy: owner });
      report.applied.push({ version: migration.version, name: migration.name, durationMs });
    }
    return report;
  } finally {
    await lock.release();
  }
}

/** One line for the log or the command: what ran, or that nothing was pending. */
export function describeMigrationReport(dbName: string, report: MigrationReport): string {
  if (report.applied.length === 0) return `数据库 ${dbName} 已是最新（已应用 ${report.alreadyApplied} 个迁移，无待执行）`;
  return `数据库 ${dbName}：本次应用 ${report.applied.length} 个迁移（${report.applied.map((m) => `${m.version} ${m.name}`).join('；')}）`;
}
