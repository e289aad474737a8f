import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CreateIndexesOptions, Db, Document } from 'mongodb';
import { BackupError, INDEXES_FILE, MANIFEST_FILE, checkFile, parseDocumentLine, parseManifest, type BackupManifest, type IndexDefinitions } from './backup-format';
import { userCollections } from './dump';

const INSERT_BATCH = 500;

export interface RestoreOptions {
  /** Drop whatever the target database holds first; without it a non-empty target is refused. */
  drop?: boolean;
}

async function readChecked(dir: string, file: string, expected: { sha256: string; count?: number }): Promise<Buffer> {
  const content = await readFile(join(dir, file)).catch(() => {
    throw new BackupError(`备份目录 ${dir} 缺少文件 ${file}`);
  });
  checkFile(file, content, expected);
  return content;
}

/** Reads and checks the whole backup before the target is touched: a damaged backup changes nothing. */
export async function readBackup(dir: string): Promise<{ manifest: BackupManifest; indexes: IndexDefinitions; files: Map<string, Buffer> }> {
  const manifestText = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch(() => {
    throw new BackupError(`${dir} 不是完整的备份目录（缺少 ${MANIFEST_FILE}）`);
  });
  const manifest = parseManifest(manifestText, join(dir, MANIFEST_FILE));
  const indexes = JSON.parse((await readChecked(dir, INDEXES_FILE, manifest.indexes)).toString('utf8')) as IndexDefinitions;
  const files = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(manifest.collections)) files.set(name, await readChecked(dir, entry.file, entry));
  return { manifest, indexes, files };
}

/**
 * Restores a backup into `db`: the documents exactly as dumped (same _id and
 * types) and every index but `_id_`. The whole backup is held in memory
 * once checked: the tool is meant for the local store and small
 * installations (docs/operations-data.md).
 */
export async function restoreDatabase(db: Db, dir: string, options: RestoreOptions = {}): Promise<{ manifest: BackupManifest; restored: Record<string, number> }> {
  const { manifest, indexes, files } = await readBackup(dir);
  const existing = await userCollections(db);
  if (existing.length > 0) {
    if (!options.drop) throw new BackupError(`目标数据库 ${db.databaseName} 不为空（有 ${existing.length} 个集合）；确认覆盖请加 --drop`);
    await db.dropDatabase();
  }
  const restored: Record<string, number> = {};
  for (const [name, content] of files) {
    await db.createCollection(name);
    const lines = content.toString('utf8').split('\n').filter((l) => l !== '');
    for (let i = 0; i < lines.length; i += INSERT_BATCH) {
      await db.collection(name).insertMany(lines.slice(i, i + INSERT_BATCH).map(parseDocumentLine), { ordered: true });
    }
    for (const { key, ...definition } of (indexes[name] ?? []).filter((index) => index.name !== '_id_')) {
      await db.collection(name).createIndex(key as Document, definition as CreateIndexesOptions);
    }
    restored[name] = lines.length;
  }
  return { manifest, restored };
}
