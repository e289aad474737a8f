// npm run dlq:replay -- TOPIC [--dry-run] [--limit N]
//
// Re-publishes the dead letters of <TOPIC>.dlq, original key and bytes, to the
// topic each one came from (its x-dlq-original-topic header), once the cause
// has been fixed. The tool reads the dead-letter topic in a consumer group of
// its own and commits after each dead letter it has re-published, so a dead
// letter is replayed once: a second run starts where the first stopped. A
// crash between publishing and committing replays that one again, which the
// consumers drop by event id. Every consumer group of the source topic reads
// the replayed message; groups that had processed it skip it.
//
// KAFKA_BROKERS (default 127.0.0.1:9092) and KAFKA_TOPIC_PREFIX (default
// empty) as for the services; TOPIC is the logical name, e.g.
// complaints.classified.v1.
import { CommandError, USAGE, parseCommandLine } from './command-line';
import { replayDeadLetters } from './replay';

const say = (msg: string) => process.stdout.write(`[死信重放] ${msg}\n`);
const fail = (msg: string, code: number): never => {
  process.stderr.write(`[死信重放] ${msg}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  const opts = parseCommandLine(process.argv.slice(2));
  if (opts === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  await replayDeadLetters({ ...opts, brokers, prefix: process.env.KAFKA_TOPIC_PREFIX ?? '' }, say);
}

main().catch((err: unknown) => {
  if (err instanceof CommandError) fail(err.withUsage ? `${err.message}\n${USAGE}` : err.message, err.exitCode);
  fail(`失败：${err instanceof Error ? err.message : String(err)}`, 1);
});
