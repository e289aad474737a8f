import type { MongoEnv } from '@pipeline/config';
import { UsageError, parseCommandLine, runCommand, withServiceDb, type CommandIo } from '@pipeline/mongo';
import { runCallerRetention } from './caller-retention';

export interface RetentionCommandEnv extends MongoEnv {
  CALLER_RETENTION_DAYS: number;
}

/** `npm run retention -- [--dry-run]`: one pass now, recorded in retention_runs; resolves to the exit code. */
export function runRetentionCommand(argv: readonly string[], loadEnv: () => RetentionCommandEnv, io: CommandIo): Promise<number> {
  return runCommand('保存期限', io, async () => {
    const { positional, options } = parseCommandLine(argv, { 'dry-run': 'flag' });
    if (positional.length) throw new UsageError(`多余的参数：${positional.join(' ')}（用法：npm run retention -- [--dry-run]）`);
    const dryRun = options['dry-run'] === true;
    const env = loadEnv();
    await withServiceDb(env, async (db) => {
      const report = await runCallerRetention(db, { periodDays: env.CALLER_RETENTION_DAYS, dryRun });
      const scope = `${report.cutoff.toISOString()} 前办结（保存期限 ${env.CALLER_RETENTION_DAYS} 天）`;
      io.out(
        dryRun
          ? `试运行：${scope}且仍含来电人信息的投诉共 ${report.due} 件，未做任何修改（记录 ${report.runId}）`
          : `${scope}的投诉中，${report.anonymised} 件的来电人信息已匿名化（记录 ${report.runId}）`,
      );
    });
  });
}
