import { createHash } from 'node:crypto';
import { BSON, type Document } from 'mongodb';

/**
 * A backup directory: one `<collection>.jsonl` per collection (a document a
 * line, canonical Extended JSON, so dates, ObjectIds, Decimal128 and int/long
 * come back with their exact types), `indexes.json` (each collection's index
 * definitions) and `manifest.json` (counts and a SHA-256 of every file).
 */
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const INDEXES_FILE = 'indexes.json';

export interface BackupManifest {
  format: number;
  service: string;
  database: string;
  createdAt: string;
  collections: Record<string, { file: string; count: number; sha256: string }>;
  indexes: { file: string; sha256: string };
}

/** What is needed to create an index again; server bookkeeping (v, ns) is left out. */
export interface IndexDefinition {
  name: string;
  key: Document;
  unique?: boolean;
  sparse?: boolean;
  expireAfterSeconds?: number;
  partialFilterExpression?: Document;
  collation?: Document;
}

export type IndexDefinitions = Record<string, IndexDefinition[]>;

const INDEX_OPTIONS = ['unique', 'sparse', 'expireAfterSeconds', 'partialFilterExpression', 'collation'] as const;

export function indexDefinition(raw: Document): IndexDefinition {
  const definition: IndexDefinition = { name: String(raw['name']), key: raw['key'] as Document };
  for (const option of INDEX_OPTIONS) if (raw[option] !== undefined) (definition as unknown as Document)[option] = raw[option];
  return definition;
}

export function documentLine(doc: Document): string {
  return `${BSON.EJSON.stringify(doc, { relaxed: false })}\n`;
}

export function parseDocumentLine(line: string): Document {
  return BSON.EJSON.parse(line, { relaxed: false }) as Document;
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export class BackupError extends Error {}

/** The manifest as read from disk, checked for the fields restore relies on. */
export function parseManifest(text: string, where: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new BackupError(`备份清单 ${where} 不是有效的 JSON`);
  }
  if (manifest?.format !== BACKUP_FORMAT_VERSION || typeof manifest.collections !== 'object' || !manifest.indexes?.file) {
    throw new BackupError(`备份清单 ${where} 的格式无法识别（需要 format ${BACKUP_FORMAT_VERSION}）`);
  }
  return manifest;
}

/** A file whose checksum or line count differs from the manifest: the backup is damaged or was edited. */
export function checkFile(name: string, content: Buffer, expected: { sha256: string; count?: number }): void {
  if (sha256(content) !== expected.sha256) throw new BackupError(`备份文件 ${name} 的校验和与清单不符，备份已损坏或被修改`);
  if (expected.count !== undefined) {
    const lines = content.length === 0 ? 0 : content.toString('utf8').split('\n').filter((l) => l !== '').length;
    if (lines !== expected.count) throw new BackupError(`备份文件 ${name} 有 ${lines} 条文档，清单记录为 ${expected.count} 条`);
  }
}
