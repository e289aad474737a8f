import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from 'mongodb';
import { MIGRATION_LOCK_COLLECTION } from '../migrations/migration-lock';
import {
  BACKUP_FORMAT_VERSION, BackupError, INDEXES_FILE, MANIFEST_FILE, documentLine, indexDefinition, sha256,
  type BackupManifest, type IndexDefinitions,
} from './backup-format';

/** The collections a backup holds: everything but the server's own. */
export async function userCollections(db: Db): Promise<string[]> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  return collections.map((c) => c.name).filter((name) => !name.startsWith('system.')).sort();
}

/**
 * Writes every collection of the database, in _id order, and its index
 * definitions into `dir` (which must be empty or new). Documents stream to
 * disk, so the size of a collection is bounded by the disk, not memory.
 */
export async function dumpDatabase(db: Db, dir: string, service: string): Promise<BackupManifest> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new BackupError(`备份目录 ${dir} 不为空，请指定新目录`);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT_VERSION, service, database: db.databaseName, createdAt: new Date().toISOString(), collections: {}, indexes: { file: INDEXES_FILE, sha256: '' },
  };
  const indexes: IndexDefinitions = {};
  // a lock held while the backup runs must not come back with the restore
  for (const name of (await userCollections(db)).filter((n) => n !== MIGRATION_LOCK_COLLECTION)) {
    const file = `${name}.jsonl`;
    const out = createWriteStream(join(dir, file));
    let count = 0;
    for await (const doc of db.collection(name).find({}).sort({ _id: 1 })) {
      if (!out.write(documentLine(doc))) await once(out, 'drain');
      count++;
    }
    out.end();
    await once(out, 'finish');
    manifest.collections[name] = { file, count, sha256: sha256(await readFile(join(dir, file))) };
    indexes[name] = (await db.collection(name).listIndexes().toArray()).map(indexDefinition);
  }
  const indexesText = `${JSON.stringify(indexes, null, 2)}\n`;
  await writeFile(join(dir, INDEXES_FILE), indexesText);
  manifest.indexes.sha256 = sha256(indexesText);
  // written last: a directory without a manifest is an interrupted backup and restore refuses it
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
