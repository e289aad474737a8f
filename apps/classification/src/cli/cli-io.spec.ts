import { UsageError, parseOptions } from './cli-io';

describe('the classification commands’ options', () => {
  const spec = { in: 'string', json: 'flag' } as const;

  it('reads valued options in both spellings and flags', () => {
    expect(parseOptions(['--in', 'a b.jsonl', '--json'], spec)).toEqual({ in: 'a b.jsonl', json: true });
    expect(parseOptions(['--in=x=y.jsonl'], spec)).toEqual({ in: 'x=y.jsonl' });
    expect(parseOptions([], spec)).toEqual({});
  });

  it.each([
    [['--bogus'], 'unknown argument --bogus'],
    [['stray.jsonl'], 'unknown argument stray.jsonl'],
    [['--in'], '--in needs a value'],
    [['--json=yes'], '--json takes no value'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseOptions(argv, spec)).toThrow(new UsageError(message));
  });
});
