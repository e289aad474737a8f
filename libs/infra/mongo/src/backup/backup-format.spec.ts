import { BSON, Decimal128, Long, ObjectId } from 'mongodb';
import { BackupError, checkFile, documentLine, indexDefinition, parseDocumentLine, parseManifest, sha256 } from './backup-format';

describe('backup format', () => {
  it('writes one canonical Extended JSON line per document and reads back the exact types', () => {
    const doc = { _id: new ObjectId(), price: Decimal128.fromString('0.10'), big: Long.fromString('9007199254740993'), n: 3, x: 3.5, at: new Date('2025-01-01T00:00:00.001Z') };
    const line = documentLine(doc);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd()).not.toContain('\n');
    expect(line).toContain('"$numberDecimal":"0.10"');
    expect(line).toContain('"$numberInt":"3"');
    expect(line).toContain('"$numberDouble":"3.5"');
    // canonical parsing keeps wrappers (Double, Int32), so the store gets exactly the BSON that was dumped
    const asStored = (d: object) => BSON.deserialize(BSON.serialize(d), { promoteValues: false });
    expect(asStored(parseDocumentLine(line))).toEqual(asStored(doc));
  });

  it('keeps what recreating an index needs and leaves out server bookkeeping', () => {
    expect(indexDefinition({ v: 2, key: { a: 1, b: -1 }, name: 'a_1_b_-1', ns: 'db.c', unique: true })).toEqual({ key: { a: 1, b: -1 }, name: 'a_1_b_-1', unique: true });
    expect(indexDefinition({ v: 2, key: { _id: 1 }, name: '_id_' })).toEqual({ key: { _id: 1 }, name: '_id_' });
  });

  it('accepts a file whose checksum and line count match the manifest', () => {
    const content = Buffer.from(documentLine({ _id: 'a' }) + documentLine({ _id: 'b' }));
    expect(() => checkFile('c.jsonl', content, { sha256: sha256(content), count: 2 })).not.toThrow();
    expect(() => checkFile('empty.jsonl', Buffer.alloc(0), { sha256: sha256(''), count: 0 })).not.toThrow();
  });

  it('refuses a changed file and a wrong count', () => {
    const content = Buffer.from(documentLine({ _id: 'a' }));
    expect(() => checkFile('c.jsonl', Buffer.from(documentLine({ _id: 'b' })), { sha256: sha256(content), count: 1 })).toThrow('c.jsonl 的校验和与清单不符');
    expect(() => checkFile('c.jsonl', content, { sha256: sha256(content), count: 2 })).toThrow('有 1 条文档，清单记录为 2 条');
  });

  it('refuses a manifest that is not JSON or of another format', () => {
    expect(() => parseManifest('{', 'm.json')).toThrow(BackupError);
    expect(() => parseManifest(JSON.stringify({ format: 9, collections: {}, indexes: { file: 'indexes.json' } }), 'm.json')).toThrow('格式无法识别');
    expect(parseManifest(JSON.stringify({ format: 1, collections: {}, indexes: { file: 'indexes.json', sha256: 'x' } }), 'm.json').format).toBe(1);
  });
});
