// Stops only what the global setup started; KEEP_INFRA=1 leaves it running
// for a faster next run (npm run infra:down with INFRA_PROFILE=test stops it).
module.exports = async () => {
  const state = globalThis.__PIPELINE_INFRA__;
  if (!state || process.env.KEEP_INFRA === '1') return;
  const infra = await import('../infra/index.mjs');
  const p = infra.profile('test');
  if (state.startedKafka) await infra.stopKafka(p);
  if (state.startedMongo) await infra.stopFerretdb(p);
};
