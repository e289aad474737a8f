import { MongoClient, type Db } from 'mongodb';
import type { MongoEnv } from '@pipeline/config';
import { dumpDatabase } from '../backup/dump';
import { restoreDatabase } from '../backup/restore';
import type { Migration } from '../migrations/migration';
import { describeMigrationReport, runMigrations } from '../migrations/migration-runner';
import { UsageError, parseCommandLine, processIo, runCommand, type CommandIo } from './command-line';

/** What the data commands need to know about one service. */
export interface ServiceDataSpec {
  service: string;
  /** The service's own env class, validated (MONGODB_URI, MONGODB_DB and their defaults). */
  loadEnv: () => MongoEnv;
  migrations: readonly Migration[];
}

const USAGE = [
  '用法：',
  '  npm run migrate -- <服务>',
  '  npm run backup -- <服务|all> [--out <目录>]',
  '  npm run restore -- <服务> <备份目录> [--drop]',
].join('\n');

/** Connects to the service's store like the service does (no retryable writes on FerretDB). */
export async function withServiceDb<T>(env: MongoEnv, work: (db: Db) => Promise<T>): Promise<T> {
  const client = new MongoClient(env.MONGODB_URI, { serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 5_000, retryWrites: false });
  try {
    await client.connect().catch((err: Error) => {
      throw new Error(`无法连接数据库 ${env.MONGODB_URI}：${err.message}`);
    });
    return await work(client.db(env.MONGODB_DB));
  } finally {
    await client.close();
  }
}

async function migrate(spec: ServiceDataSpec, args: string[], io: CommandIo): Promise<void> {
  parseCommandLine(args, {});
  const env = spec.loadEnv();
  await withServiceDb(env, async (db) => {
    const report = await runMigrations(db, spec.migrations, { log: io.out });
    io.out(describeMigrationReport(db.databaseName, report));
  });
}

async function backup(spec: ServiceDataSpec, args: string[], io: CommandIo): Promise<void> {
  const { positional, options } = parseCommandLine(args, { out: 'value' });
  if (positional.length) throw new UsageError(`多余的参数：${positional.join(' ')}\n${USAGE}`);
  if (typeof options['out'] !== 'string') throw new UsageError(`缺少 --out <目录>\n${USAGE}`);
  const dir = options['out'];
  await withServiceDb(spec.loadEnv(), async (db) => {
    const manifest = await dumpDatabase(db, dir, spec.service);
    const counts = Object.entries(manifest.collections).map(([name, c]) => `${name} ${c.count}`);
    io.out(`已备份 ${spec.service}（数据库 ${db.databaseName}）到 ${dir}：${counts.length} 个集合${counts.length ? `（${counts.join('，')}）` : ''}`);
    if (!counts.length) io.err(`注意：数据库 ${db.databaseName} 为空或不存在，请确认 MONGODB_URI 与 MONGODB_DB`);
  });
}

async function restore(spec: ServiceDataSpec, args: string[], io: CommandIo): Promise<void> {
  const { positional, options } = parseCommandLine(args, { drop: 'flag' });
  if (positional.length !== 1) throw new UsageError(`需要且只需要一个备份目录\n${USAGE}`);
  const [dir] = positional;
  await withServiceDb(spec.loadEnv(), async (db) => {
    const { manifest, restored } = await restoreDatabase(db, dir, { drop: options['drop'] === true });
    if (manifest.service !== spec.service) io.err(`注意：该备份来自服务 ${manifest.service}，已恢复到 ${spec.service} 的数据库`);
    const counts = Object.entries(restored).map(([name, n]) => `${name} ${n}`);
    io.out(`已从 ${dir}（${manifest.createdAt} 的备份）恢复到数据库 ${db.databaseName}：${counts.join('，') || '无集合'}`);
  });
}

const COMMANDS = { migrate, backup, restore } as const;
const TITLES: Record<keyof typeof COMMANDS, string> = { migrate: '迁移', backup: '备份', restore: '恢复' };

/** Entry point of an app's data.cli.ts: `<migrate|backup|restore> [args…]`; resolves to the exit code. */
export async function runDataCommand(spec: ServiceDataSpec, argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || !Object.hasOwn(COMMANDS, command)) {
    io.err(`[数据] 未知命令 ${command ?? '（空）'}\n${USAGE}`);
    return 2;
  }
  const name = command as keyof typeof COMMANDS;
  return runCommand(`${TITLES[name]} ${spec.service}`, io, () => COMMANDS[name](spec, args, io));
}
