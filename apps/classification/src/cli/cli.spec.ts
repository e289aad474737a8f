import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as classify } from './classify.cli';
import { run as evaluate } from './eval.cli';
import { mergeById } from './train.cli';
import { UsageError, type CliContext } from './cli-io';

const ROOT = join(__dirname, '..', '..', '..', '..');
const FIXTURE = 'apps/classification/src/cli/fixtures/eval-fixture.jsonl';

function context(): CliContext & { output: () => string } {
  let out = '';
  return { root: ROOT, cwd: ROOT, out: (text) => (out += text), err: () => undefined, output: () => out };
}

describe('classify command', () => {
  it('prints one JSON line per complaint, in input order, with repeats linked', () => {
    const ctx = context();
    expect(classify(['--in', FIXTURE], ctx)).toBe(0);
    const expected = readFileSync(join(ROOT, 'apps/classification/src/cli/fixtures/eval-fixture.classified.jsonl'), 'utf8');
    expect(ctx.output()).toBe(expected);
    const first = JSON.parse(ctx.output().split('\n')[0]);
    expect(Object.keys(first)).toEqual(['id', 'category', 'enforceable', 'urgent', 'hotspotAreaId', 'communityId', 'repeatOf', 'confidence']);
  });

  it('needs --in', () => {
    expect(() => classify([], context())).toThrow(UsageError);
    expect(() => classify(['--bogus'], context())).toThrow(/unknown argument/);
  });
});

describe('eval command on a small fixture with known figures', () => {
  // Twelve public tickets; T00001 is deliberately labeled construction_site
  // (the model says illegal_construction) and T00200 deliberately placed in
  // HS01 (its text names HS03), so the report has a known miss of each kind.
  const ctx = context();
  evaluate(['--in', FIXTURE], ctx);
  const printed = ctx.output();

  it('uses the shipped model (the fixture is not the training set)', () => {
    expect(printed).toMatch(/^classify:eval — 12 tickets, shipped model ensemble-1\.[0-9a-f]{12}\n/);
  });

  it('prints the figures of each judgement', () => {
    for (const line of [
      'category accuracy                  0.917       11/12',
      'enforceable accuracy               1.000       12/12',
      'urgent accuracy                    1.000       12/12',
      'urgent precision                   1.000         5/5',
      'urgent recall                      1.000         5/5',
      'place exact, with coordinates      1.000         3/3',
      'place exact, from text             0.889         8/9',
      'repeat pair precision (2 pairs)    1.000         2/2',
      'repeat recall                      1.000         2/2',
      'flagged for review                 0.000        0/12',
    ]) {
      expect(printed).toContain(`${line}\n`);
    }
  });

  it('prints per-category precision and recall and the confusion matrix', () => {
    expect(printed).toContain('illegal_construction         0      0.000       —\n');
    expect(printed).toContain('construction_site            2      1.000   0.500\n');
    expect(printed).toContain('construction_site          1     .     1     .     .     .     .     .     .     .     .     .     .\n');
    expect(printed).toContain('  MISS  category accuracy              0.917  (≥ 0.92)\n');
    expect(printed).toContain('  met   urgent recall                  1.000  (≥ 0.95)\n');
  });

  it('prints the same report as JSON with --json', () => {
    const json = context();
    evaluate(['--in', FIXTURE, '--json'], json);
    const report = JSON.parse(json.output());
    expect(report).toMatchObject({
      mode: 'shipped-model',
      tickets: 12,
      category: { right: 11, of: 12, value: 0.9167 },
      urgent: { precision: { right: 5, of: 5 }, recall: { right: 5, of: 5 } },
      place: { withCoordinates: { right: 3, of: 3 }, fromText: { right: 8, of: 9 } },
      repeats: { predictedPairs: 2, precision: { right: 2, of: 2 }, recall: { right: 2, of: 2 } },
    });
    expect(report.confusion.matrix).toHaveLength(13);
  });
});

describe('train --also merges corrections by id', () => {
  it('replaces corrected tickets and appends new ones, keeping the order', () => {
    const base = [{ id: 'T1', v: 'a' }, { id: 'T2', v: 'b' }];
    const corrections = [{ id: 'T2', v: 'b-corrected' }, { id: 'C9', v: 'new' }];
    expect(mergeById(base, corrections)).toEqual([{ id: 'T1', v: 'a' }, { id: 'T2', v: 'b-corrected' }, { id: 'C9', v: 'new' }]);
  });
});
