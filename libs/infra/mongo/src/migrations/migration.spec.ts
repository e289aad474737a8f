import { checkMigrationList, MigrationListError, pendingMigrations, type Migration } from './migration';

const step = (version: number, name = `step ${version}`): Migration => ({ version, name, up: async () => undefined });

describe('migration list', () => {
  it('accepts versions 1…n in order', () => {
    expect(() => checkMigrationList([step(1), step(2), step(3)])).not.toThrow();
    expect(() => checkMigrationList([])).not.toThrow();
  });

  it.each([
    ['a gap', [step(1), step(3)], '第 2 项的版本号为 3'],
    ['a duplicate', [step(1), step(1)], '第 2 项的版本号为 1'],
    ['a list not starting at 1', [step(2)], '第 1 项的版本号为 2'],
    ['a nameless step', [step(1, ' ')], '版本 1 缺少名称'],
  ])('refuses %s', (_label, list, message) => {
    expect(() => checkMigrationList(list)).toThrow(MigrationListError);
    expect(() => checkMigrationList(list)).toThrow(message);
  });

  it('leaves out the versions already applied, keeping the order', () => {
    expect(pendingMigrations([step(1), step(2), step(3)], new Set([1, 3])).map((m) => m.version)).toEqual([2]);
    expect(pendingMigrations([step(1), step(2)], new Set([1, 2]))).toEqual([]);
  });
});
