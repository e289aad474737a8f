import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreProfileFolder } from './store-profile';

describe('StoreProfileFolder', () => {
  const profile = new StoreProfileFolder();
  afterAll(() => profile.remove());

  it('adds up the instances of a service and lists its costliest commands first', () => {
    writeFileSync(join(profile.folder, 'classification-101.json'), JSON.stringify({ 'insert outbox': { calls: 10, totalMs: 50, maxMs: 9 }, 'find rules': { calls: 2, totalMs: 4, maxMs: 3 } }));
    writeFileSync(join(profile.folder, 'classification-202.json'), JSON.stringify({ 'insert outbox': { calls: 5, totalMs: 25, maxMs: 12 } }));
    writeFileSync(join(profile.folder, 'complaint-intake-303.json'), JSON.stringify({ 'update complaints': { calls: 3, totalMs: 30, maxMs: 20 } }));
    expect(profile.snapshot(1)).toEqual({
      classification: [{ command: 'insert outbox', calls: 15, totalMs: 75, meanMs: 5, maxMs: 12 }],
      'complaint-intake': [{ command: 'update complaints', calls: 3, totalMs: 30, meanMs: 10, maxMs: 20 }],
    });
  });
});
