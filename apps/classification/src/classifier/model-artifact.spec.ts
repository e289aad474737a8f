import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_CODES } from '@pipeline/contracts';
import { readPublicComplaints } from '@pipeline/reference-data';
import { ARTIFACT_COLUMNS, readArtifact, serialiseArtifact, type ModelArtifact } from './model-artifact';
import { trainingSetHash } from './training/model-training';
import { shippedModel } from './shipped-model';

describe('the shipped model artifact', () => {
  const model = shippedModel();
  const file = join(__dirname, '..', '..', 'model', 'model.json');

  it('is versioned by its content', () => {
    expect(model.format).toBe(1);
    expect(model.version).toMatch(/^ensemble-1\.[0-9a-f]{12}$/);
    const { version: _version, ...content } = model;
    const hash = createHash('sha256').update(serialiseArtifact(content)).digest('hex');
    expect(model.version).toBe(`ensemble-1.${hash.slice(0, 12)}`);
  });

  it('is written in its canonical form (what the trainer writes, byte for byte)', () => {
    expect(readFileSync(file, 'utf8')).toBe(serialiseArtifact(model));
  });

  it('was trained on the labeled public tickets', () => {
    expect(model.trainingSet).toEqual({ sha256: trainingSetHash(readPublicComplaints()), tickets: 600 });
  });

  it('has three naive Bayes heads over one sorted vocabulary', () => {
    const { heads } = readArtifact(model);
    expect(heads.category.labels).toEqual([...CATEGORY_CODES]);
    expect(heads.enforceable.labels).toEqual(['true', 'false']);
    expect(heads.urgent.labels).toEqual(['true', 'false']);
    const vocabulary = heads.category.vocabulary;
    expect(vocabulary.length).toBeGreaterThan(5000);
    expect([...vocabulary].sort()).toEqual(vocabulary);
    expect(new Set(vocabulary).size).toBe(vocabulary.length);
    expect(heads.category.samples.reduce((a, b) => a + b, 0)).toBe(600);
    for (const row of model.naiveBayes.tokens) expect(row).toHaveLength(ARTIFACT_COLUMNS.length + 1);
  });

  it('records its feature configuration and finite ensemble weights', () => {
    expect(model.features).toMatchObject({ scheme: 'zh-placeholder-1', words: true, charNgrams: [1, 2, 3] });
    const numbers = [model.ensemble.category, model.ensemble.enforceable, model.ensemble.urgent].flatMap((w) => Object.values(w));
    expect(numbers.every((x) => Number.isFinite(x))).toBe(true);
    expect(model.ensemble.reviewBelow).toBeGreaterThan(0);
  });

  it('is refused when its layout is not the one this code reads', () => {
    const broken = (patch: Partial<ModelArtifact>) => ({ ...model, ...patch }) as ModelArtifact;
    expect(() => readArtifact(broken({ format: 2 }))).toThrow(/format/);
    expect(() => readArtifact(broken({ features: { ...model.features, scheme: 'other' as never } }))).toThrow(/scheme/);
    expect(() => readArtifact(broken({ naiveBayes: { ...model.naiveBayes, columns: ['category:x'] } }))).toThrow(/columns/);
    expect(() => readArtifact(null)).toThrow(/not an object/);
  });
});

describe('serialiseArtifact', () => {
  it('writes arrays of plain values on one line and is stable', () => {
    const value = { b: [1, 2], a: { rows: [['x', 1], ['y', 2]] } };
    expect(serialiseArtifact(value)).toBe('{\n  "b": [1,2],\n  "a": {\n    "rows": [\n      ["x",1],\n      ["y",2]\n    ]\n  }\n}\n');
    expect(serialiseArtifact(value)).toBe(serialiseArtifact(JSON.parse(JSON.stringify(value))));
  });
});
