// Brings the broker and the store up or down for one profile. When
// KAFKA_BROKERS or MONGODB_URI is set, that piece is external: it is only
// checked for readiness, never started or stopped.
import { kafkaReady, kafkaRunning, startKafka, stopKafka, resetKafka, kafkaLibDir } from './kafka.mjs';
import { ferretdbBinary, ferretdbRunning, mongoReady, resetFerretdb, startFerretdb, stopFerretdb } from './ferretdb.mjs';
import { profile } from './profile.mjs';
import { waitFor } from './process.mjs';

export { profile, startKafka, stopKafka, startFerretdb, stopFerretdb };

export function endpoints(p = profile()) {
  return {
    kafkaBrokers: process.env.KAFKA_BROKERS ?? p.kafka.brokers,
    mongoUri: process.env.MONGODB_URI ?? p.ferretdb.uri,
    externalKafka: Boolean(process.env.KAFKA_BROKERS),
    externalMongo: Boolean(process.env.MONGODB_URI),
  };
}

/** `only` limits the call to 'kafka' or 'store'. */
export async function up(p = profile(), log = console.log, only = null) {
  const e = endpoints(p);
  const t0 = Date.now();
  const skipped = Promise.resolve({ started: false });
  // The store starts while the broker's JVM warms up; both are independent.
  const [kafka, mongo] = await Promise.all([
    only === 'store' ? skipped
      : e.externalKafka ? waitFor(() => kafkaReady(e.kafkaBrokers), { timeoutMs: 30_000, what: `Kafka（${e.kafkaBrokers}）` }).then(() => ({ started: false }))
      : startKafka(p, log),
    only === 'kafka' ? skipped
      : e.externalMongo ? waitFor(() => mongoReady(e.mongoUri), { timeoutMs: 30_000, what: `MongoDB（${e.mongoUri}）` }).then(() => ({ started: false }))
      : startFerretdb(p, log),
  ]);
  return { ...e, startedKafka: kafka.started, startedMongo: mongo.started, seconds: (Date.now() - t0) / 1000 };
}

export async function down(p = profile(), only = null) {
  const e = endpoints(p);
  const stopped = [];
  if (only !== 'store' && !e.externalKafka && (await stopKafka(p))) stopped.push('Kafka');
  if (only !== 'kafka' && !e.externalMongo && (await stopFerretdb(p))) stopped.push('FerretDB');
  return stopped;
}

export async function status(p = profile()) {
  const e = endpoints(p);
  const ready = async (fn, arg) => fn(arg).catch(() => false);
  return {
    profile: p.name,
    kafka: { brokers: e.kafkaBrokers, external: e.externalKafka, process: e.externalKafka ? null : kafkaRunning(p), ready: await ready(kafkaReady, e.kafkaBrokers), cache: kafkaLibDir() },
    store: { uri: e.mongoUri, external: e.externalMongo, process: e.externalMongo ? null : ferretdbRunning(p), ready: await ready(mongoReady, e.mongoUri), binary: ferretdbBinary() },
  };
}

/** Empties the data of whichever local piece is not running (an external one is never touched). */
export function resetStopped(p = profile()) {
  const e = endpoints(p);
  if (!e.externalKafka && !kafkaRunning(p)) resetKafka(p);
  if (!e.externalMongo && !ferretdbRunning(p)) resetFerretdb(p);
}

export async function reset(p = profile()) {
  await down(p);
  resetKafka(p);
  resetFerretdb(p);
}
