// Starts the test profile's broker and store once per jest run (or checks
// KAFKA_BROKERS / MONGODB_URI when they point at running ones) and hands the
// addresses to the test workers through the environment.
module.exports = async () => {
  const infra = await import('../infra/index.mjs');
  const p = infra.profile('test');
  // Each run creates its own namespaced topics and databases; a broker that
  // kept every earlier run's partitions would start slower each time until it
  // runs out of file handles. So a test profile that setup starts begins empty
  // (one kept running with KEEP_INFRA=1 is reused as it is).
  infra.resetStopped(p);
  const r = await infra.up(p, (msg) => process.stderr.write(`${msg}\n`));
  process.env.KAFKA_BROKERS = r.kafkaBrokers;
  process.env.MONGODB_URI = r.mongoUri;
  globalThis.__PIPELINE_INFRA__ = { startedKafka: r.startedKafka, startedMongo: r.startedMongo };
};
