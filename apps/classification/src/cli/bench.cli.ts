import { performance } from 'node:perf_hooks';
import { classifyBatch, type BatchComplaint } from '../classifier/training/batch-classification';
import { createShippedClassifier } from '../classifier/shipped-model';
import { PUBLIC_COMPLAINTS, parseOptions, readComplaints, resolvePath, type CliContext } from './cli-io';

/** The floor: classification must never be the pipeline's bottleneck. */
const REQUIRED_PER_SECOND = 2000;

/**
 * `bench:classify [--in FILE.jsonl] [--count N]`: classifies the public
 * tickets (or FILE) replicated to at least N complaints (10,000) one at a
 * time on this thread, and reports complaints per second and the p50/p99
 * time per complaint; then the whole `classify` pipeline (with repeat
 * linking) on the same complaints. Fails below 2,000 complaints per second.
 */
export function run(argv: readonly string[], ctx: CliContext): number {
  const options = parseOptions(argv, { in: 'string', count: 'string' });
  const source = typeof options['in'] === 'string' ? resolvePath(ctx.cwd, options['in']) : resolvePath(ctx.root, PUBLIC_COMPLAINTS);
  const base = readComplaints(ctx, source);
  const wanted = Number(options['count'] ?? 10000);
  const complaints: BatchComplaint[] = [];
  for (let copy = 0; complaints.length < wanted; copy++) {
    // Each copy a year later, so the repeat linker sees copies as new incidents.
    for (const c of base) complaints.push({ ...c, id: `${c.id}-${copy}`, reportedAt: new Date(Date.parse(c.reportedAt) + copy * 366 * 86_400_000).toISOString() });
  }

  const loadStarted = performance.now();
  const classifier = createShippedClassifier();
  const loadMs = performance.now() - loadStarted;
  for (const c of base.slice(0, 200)) classifier.classify(c); // warm-up: JIT and jieba

  const times = new Float64Array(complaints.length);
  const started = performance.now();
  complaints.forEach((c, i) => {
    const t0 = performance.now();
    classifier.classify(c);
    times[i] = performance.now() - t0;
  });
  const elapsed = (performance.now() - started) / 1000;
  const perSecond = complaints.length / elapsed;
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

  const pipelineStarted = performance.now();
  classifyBatch(complaints, (c) => classifier.classify(c));
  const pipelineSeconds = (performance.now() - pipelineStarted) / 1000;

  ctx.out(
    [
      `bench:classify — ${complaints.length} complaints (${base.length} tickets replicated), one thread, model loaded in ${loadMs.toFixed(0)} ms`,
      `classification:            ${perSecond.toFixed(0)} complaints/s   p50 ${pct(0.5).toFixed(3)} ms   p99 ${pct(0.99).toFixed(3)} ms   max ${sorted[sorted.length - 1].toFixed(3)} ms`,
      `classify pipeline (+repeats): ${(complaints.length / pipelineSeconds).toFixed(0)} complaints/s (${pipelineSeconds.toFixed(2)} s)`,
      `${perSecond >= REQUIRED_PER_SECOND ? 'met ' : 'MISS'}  ≥ ${REQUIRED_PER_SECOND} complaints/s`,
      '',
    ].join('\n'),
  );
  return perSecond >= REQUIRED_PER_SECOND ? 0 : 1;
}
