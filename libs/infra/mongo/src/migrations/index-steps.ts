import type { CreateIndexesOptions, Db, IndexSpecification } from 'mongodb';

/** Creates an index under a fixed name; creating it again with the same definition does nothing. */
export async function ensureIndex(db: Db, collection: string, keys: IndexSpecification, options: CreateIndexesOptions & { name: string }): Promise<void> {
  await db.collection(collection).createIndex(keys, options);
}

/** Drops an index a former schema declared (mongoose never drops indexes by itself); absent is fine. */
export async function dropIndexIfPresent(db: Db, collection: string, name: string): Promise<boolean> {
  // listing the indexes of a collection that does not exist yet fails with NamespaceNotFound
  const indexes = await db.collection(collection).listIndexes().toArray().catch(() => []);
  if (!indexes.some((index) => index.name === name)) return false;
  await db.collection(collection).dropIndex(name);
  return true;
}
