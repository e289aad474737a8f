import type { Db } from 'mongodb';

/**
 * One forward step of a service's database. `up` must be safe to run again
 * after a crash half-way (it is recorded only once it returned): filter on
 * the old shape, create indexes by name, drop them only if present.
 */
export interface Migration {
  /** 1, 2, 3 …: the order they run in; never reused or renumbered. */
  version: number;
  /** What it does, shown in the command's output and stored with the version. */
  name: string;
  up(db: Db): Promise<void>;
}

export class MigrationListError extends Error {}

/** The list as it must be: versions 1…n, each once, in order — a gap or a duplicate is a merge mistake. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationListError(`迁移列表有误：第 ${i + 1} 项的版本号为 ${m.version}，应为 ${i + 1}（版本号须从 1 起连续递增）`);
    }
    if (!m.name.trim()) throw new MigrationListError(`迁移列表有误：版本 ${m.version} 缺少名称`);
  });
}

/** The migrations not yet applied, in order. */
export function pendingMigrations(migrations: readonly Migration[], applied: ReadonlySet<number>): Migration[] {
  return migrations.filter((m) => !applied.has(m.version));
}
