import { readPublicComplaints } from '@pipeline/reference-data';
import { incidentRoots, stratifiedGroupFolds } from './cross-validation';

describe('stratifiedGroupFolds', () => {
  const tickets = readPublicComplaints();
  const items = tickets.map((t) => ({ id: t.id, category: t.labels.category, repeatOf: t.labels.repeatOf }));
  const folds = stratifiedGroupFolds(items);

  it('is deterministic for the fixed seed and changes with another', () => {
    expect(stratifiedGroupFolds(items)).toEqual(folds);
    expect(stratifiedGroupFolds(items, 5, 7)).not.toEqual(folds);
  });

  it('makes five folds of about equal size, each category spread evenly', () => {
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(6);
    for (const category of new Set(items.map((i) => i.category))) {
      const perFold = [0, 1, 2, 3, 4].map((f) => items.filter((item, i) => item.category === category && folds[i] === f).length);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(3);
    }
  });

  it('keeps every report of one incident in one fold', () => {
    const roots = incidentRoots(items);
    const foldOf = new Map(items.map((item, i) => [item.id, folds[i]]));
    for (const item of items) expect(foldOf.get(item.id)).toBe(foldOf.get(roots.get(item.id) as string));
  });

  it('follows repeat chains to their first report', () => {
    const roots = incidentRoots([
      { id: 'a', category: 'x', repeatOf: null },
      { id: 'b', category: 'x', repeatOf: 'a' },
      { id: 'c', category: 'x', repeatOf: 'b' },
    ]);
    expect(roots.get('c')).toBe('a');
  });
});
