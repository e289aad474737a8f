import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPublicComplaints } from '@pipeline/reference-data';
import { serialiseArtifact } from '../model-artifact';
import { trainModel, trainingSetHash } from './model-training';

describe('trainModel', () => {
  const tickets = readPublicComplaints();

  it('reproduces the committed artifact byte for byte (run node tools/classify/train.mjs after changing the lexicon, features or data)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'model', 'model.json'), 'utf8');
    expect(serialiseArtifact(trainModel(tickets))).toBe(committed);
  });

  it('gives the same artifact for the same tickets, and another for other tickets', () => {
    const some = tickets.filter((_, i) => i % 2 === 0);
    const first = serialiseArtifact(trainModel(some));
    expect(serialiseArtifact(trainModel(some))).toBe(first);
    const other = trainModel(tickets.filter((_, i) => i % 2 === 1));
    expect(other.version).not.toBe(JSON.parse(first).version);
  });

  it('hashes what it reads of the tickets, in order', () => {
    const hash = trainingSetHash(tickets);
    expect(trainingSetHash([...tickets])).toBe(hash);
    expect(trainingSetHash([...tickets].reverse())).not.toBe(hash);
    const relabeled = tickets.map((t, i) => (i === 0 ? { ...t, labels: { ...t.labels, urgent: !t.labels.urgent } } : t));
    expect(trainingSetHash(relabeled)).not.toBe(hash);
  });
});
