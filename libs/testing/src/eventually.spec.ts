import { eventually } from './eventually';
import { testDbName, testNamespace } from './infra';

describe('eventually', () => {
  it('returns the first value the probe gives without throwing', async () => {
    let calls = 0;
    const value = await eventually(() => {
      calls++;
      if (calls < 3) throw new Error('not yet');
      return 'ready';
    }, { intervalMs: 1 });
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('fails with the last reason once the deadline passes', async () => {
    await expect(eventually(() => expect(1).toBe(2), { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(/not true after 30 ms/);
  });
});

describe('test namespaces', () => {
  it('are unique, lower-case and make valid database names', () => {
    const a = testNamespace('Case Service!');
    expect(a).toMatch(/^t-case-service-[0-9a-f]{6}$/);
    expect(testNamespace('Case Service!')).not.toBe(a);
    expect(testDbName(a, 'case')).toMatch(/^[A-Za-z0-9_]+$/);
  });
});
