import { EnvValidationError } from '@pipeline/config';
import { BackupError } from '../backup/backup-format';
import { UsageError, parseCommandLine, runCommand, type CommandIo } from './command-line';

describe('data command line', () => {
  it('reads positionals, valued options in both spellings and flags', () => {
    expect(parseCommandLine(['svc', '--out', 'a b', '--drop'], { out: 'value', drop: 'flag' })).toEqual({ positional: ['svc'], options: { out: 'a b', drop: true } });
    expect(parseCommandLine(['--out=x=y'], { out: 'value' }).options).toEqual({ out: 'x=y' });
    expect(parseCommandLine(['svc', '--', '--drop'], { drop: 'flag' })).toEqual({ positional: ['svc', '--drop'], options: {} });
  });

  it.each([
    [['--nope'], '未知参数 --nope'],
    [['--out'], '参数 --out 需要一个取值'],
    [['--out', '--drop'], '参数 --out 需要一个取值'],
    [['--drop=yes'], '参数 --drop 不带取值'],
    [['--out='], '参数 --out 需要一个取值'],
    [['-x'], '未知参数 -x（可用：--out、--drop）'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommandLine(argv, { out: 'value', drop: 'flag' })).toThrow(message);
  });

  const capture = () => {
    const lines: string[] = [];
    const io: CommandIo = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
    return { lines, io };
  };

  it('exits 2 on bad input and 1 on other failures, with one message and no stack trace', async () => {
    const { lines, io } = capture();
    expect(await runCommand('备份 x', io, async () => { throw new UsageError('缺少 --out'); })).toBe(2);
    expect(await runCommand('备份 x', io, async () => { throw new BackupError('校验和不符'); })).toBe(2);
    expect(await runCommand('备份 x', io, async () => { throw new EnvValidationError([{ variable: 'MONGODB_URI', messages: ['bad'] }]); })).toBe(2);
    expect(await runCommand('备份 x', io, async () => { throw new Error('connect ECONNREFUSED'); })).toBe(1);
    expect(await runCommand('备份 x', io, async () => undefined)).toBe(0);
    expect(lines).toEqual(['[备份 x] 缺少 --out', '[备份 x] 校验和不符', expect.stringContaining('MONGODB_URI: bad'), '[备份 x] 失败：connect ECONNREFUSED']);
  });
});
