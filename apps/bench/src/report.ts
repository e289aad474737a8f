import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { GrowthPoint, Timing } from './growth';
import type { StepResult } from './pipeline';
import type { KafkaHopsResult } from './raw-kafka';
import type { StoreThroughputResult } from './raw-store';
import type { StoreProfile } from './store-profile';

export interface Machine {
  cores: number;
  memoryGiB: number;
  cpu: string;
  node: string;
}

export interface BenchReport {
  startedAt: string;
  mode: 'quick' | 'full';
  seconds: number;
  machine: Machine;
  raw: { kafkaMessagesPerSec: number; storeInsertsPerSec: number; kafka: KafkaHopsResult; store: StoreThroughputResult };
  pipeline: {
    /** The highest rate of stored outcomes any step showed. */
    sustainedPerSec: number;
    sustainedStep: string;
    /** At the 200-per-second step (null when it did not run). */
    p99IntakeMs: number | null;
    p99AcceptedToCaseMs: number | null;
    p99AcceptedToDecidedMs: number | null;
    steps: StepResult[];
  };
  scaleOut: { steps: StepResult[]; sustainedPerSec: number | null; gain: number | null } | null;
  /** Read latency as stored complaints grow. */
  growth: GrowthPoint[];
  /** Where each service's store time went during the load steps. */
  storeProfile: StoreProfile;
  /** pipeline sustained / the lower of the two raw limits, as each complaint needs the broker and the store */
  ratio: number;
  findings: string[];
}

export function machine(): Machine {
  return { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
}

const fmt = (v: number | null | undefined, unit = '') => (v === null || v === undefined ? '—' : `${v}${unit}`);

function timing(t: Timing): string {
  return `${fmt(t.p50)} / ${fmt(t.max)}${t.failed ? ` (${t.failed} failed: ${t.lastFailure ?? '?'})` : ''}`;
}

function stepRow(s: StepResult): string {
  const rss = Object.entries(s.resources)
    .map(([name, r]) => `${name} ${r.cpuPercent}%/${r.peakRssMiB}M`)
    .join(', ');
  return (
    `| ${s.step} | ${s.instances} | ${fmt(s.offeredPerSec)} | ${s.accepted} | ${s.acceptedPerSec} | ${s.sustainedPerSec} | ${s.keptUp ? 'yes' : 'no'} | ${fmt(s.drainSeconds)} | ` +
    `${fmt(s.httpMs.p50)} / ${fmt(s.httpMs.p99)} | ${fmt(s.acceptedToClassifiedMs.p50)} / ${fmt(s.acceptedToClassifiedMs.p99)} | ` +
    `${fmt(s.acceptedToCaseMs.p50)} / ${fmt(s.acceptedToCaseMs.p95)} / ${fmt(s.acceptedToCaseMs.p99)} | ${Math.max(0, ...Object.values(s.maxLag))} | ${rss} |`
  );
}

/** The run as Markdown: the figures the targets are judged by, then every step. */
export function markdown(r: BenchReport): string {
  const steps = [...r.pipeline.steps, ...(r.scaleOut?.steps ?? [])];
  return [
    `Run of ${r.startedAt} (${r.mode}, ${Math.round(r.seconds)} s) on ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB (${r.machine.cpu}), Node ${r.machine.node}.`,
    '',
    '| figure | value | target |',
    '|---|---:|---:|',
    `| raw Kafka, ${r.raw.kafka.hops} hops, ${r.raw.kafka.messageBytes}-byte envelopes | ${r.raw.kafkaMessagesPerSec} msg/s | — |`,
    `| raw store, single inserts (${r.raw.store.concurrency} at a time) | ${r.raw.storeInsertsPerSec} docs/s | — |`,
    `| raw store, bulk inserts / updates by _id (${r.raw.store.busyRetries} writes retried after SQLITE_BUSY) | ${r.raw.store.bulkInsertsPerSec} / ${r.raw.store.updatesPerSec} docs/s | — |`,
    `| pipeline sustained (${r.pipeline.sustainedStep}) | ${r.pipeline.sustainedPerSec} complaints/s | ≥ 1,000 |`,
    `| pipeline / raw limit | ${Math.round(r.ratio * 1000) / 10} % | ≥ 50 % |`,
    `| p99 intake HTTP at 200/s | ${fmt(r.pipeline.p99IntakeMs, ' ms')} | ≤ 50 ms |`,
    `| p99 accepted → case opened at 200/s | ${fmt(r.pipeline.p99AcceptedToCaseMs, ' ms')} | ≤ 1,000 ms |`,
    ...(r.growth.length ? [`| metric endpoint at ${r.growth[r.growth.length - 1].stored} complaints stored (p50) | ${fmt(r.growth[r.growth.length - 1].metricMs.p50, ' ms')} | < 200 ms at 1,000,000 |`] : []),
    ...(r.scaleOut ? [`| scale-out (2 × classification, 2 × enforcement-case) | ${fmt(r.scaleOut.sustainedPerSec)} complaints/s (× ${fmt(r.scaleOut.gain)}) | grows |`] : []),
    '',
    '| step | instances | offered /s | accepted | accepted /s | outcomes /s | kept up | drain s | HTTP p50 / p99 ms | → classified p50 / p99 ms | → case p50 / p95 / p99 ms | max lag | CPU % / peak RSS |',
    '|---|---:|---:|---:|---:|---:|---|---:|---|---|---|---:|---|',
    ...steps.map(stepRow),
    '',
    ...(r.growth.length
      ? [
          '| complaints stored | seeded in s | list p50 / max ms | metric, first call (recounts) ms | metric p50 / max ms | ranking p50 / max ms |',
          '|---:|---:|---|---:|---|---|',
          ...r.growth.map((g) => `| ${g.stored} | ${g.seedSeconds} | ${timing(g.listMs)} | ${timing(g.metricRecountMs)} | ${timing(g.metricMs)} | ${timing(g.rankingMs)} |`),
          '',
        ]
      : []),
    ...profileTable(r.storeProfile),
    ...(r.findings.length ? ['What the run shows:', '', ...r.findings.map((f) => `- ${f}`), ''] : []),
  ].join('\n');
}

function profileTable(profile: StoreProfile): string[] {
  const rows = Object.entries(profile).flatMap(([service, costs]) => costs.map((c) => `| ${service} | \`${c.command}\` | ${c.calls} | ${c.totalMs} | ${c.meanMs} | ${c.maxMs} |`));
  if (!rows.length) return [];
  return ['Store time during the load steps, by service and command (top 6 each):', '', '| service | command | calls | total ms | mean ms | max ms |', '|---|---|---:|---:|---:|---:|', ...rows, ''];
}

/** A bar chart of outcomes per second against the offered rate per step, with the 1,000/s target line. */
export function chartSvg(steps: StepResult[], target = 1_000): string {
  const width = 720;
  const height = 320;
  const left = 60;
  const bottom = 260;
  const top = 30;
  const max = Math.max(target, ...steps.map((s) => Math.max(s.sustainedPerSec, s.offeredPerSec ?? 0, s.acceptedPerSec))) * 1.1;
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  const slot = (width - left - 20) / Math.max(1, steps.length);
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const bars = steps
    .map((s, i) => {
      const x = left + i * slot + slot * 0.15;
      const w = slot * 0.35;
      const offered = s.offeredPerSec ?? s.acceptedPerSec;
      return [
        `<rect x="${x.toFixed(1)}" y="${y(offered).toFixed(1)}" width="${w.toFixed(1)}" height="${(bottom - y(offered)).toFixed(1)}" fill="#bbb"><title>offered ${offered}/s</title></rect>`,
        `<rect x="${(x + w).toFixed(1)}" y="${y(s.sustainedPerSec).toFixed(1)}" width="${w.toFixed(1)}" height="${(bottom - y(s.sustainedPerSec)).toFixed(1)}" fill="${s.keptUp ? '#2e7d32' : '#c62828'}"><title>outcomes ${s.sustainedPerSec}/s</title></rect>`,
        `<text x="${(x + w).toFixed(1)}" y="${bottom + 16}" font-size="11" text-anchor="middle">${esc(s.step)}</text>`,
        `<text x="${(x + w * 1.5).toFixed(1)}" y="${(y(s.sustainedPerSec) - 4).toFixed(1)}" font-size="10" text-anchor="middle">${s.sustainedPerSec}</text>`,
      ].join('');
    })
    .join('\n');
  const ticks = Array.from({ length: 5 }, (_, k) => Math.round((max / 5) * (k + 1)));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="18" font-size="13">Complaints per second: offered (grey) and outcomes stored (green kept up, red fell behind)</text>`,
    ...ticks.map((t) => `<line x1="${left}" x2="${width - 20}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#eee"/><text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" font-size="10" text-anchor="end">${t}</text>`),
    `<line x1="${left}" x2="${width - 20}" y1="${y(target).toFixed(1)}" y2="${y(target).toFixed(1)}" stroke="#1565c0" stroke-dasharray="6 4"/><text x="${width - 22}" y="${(y(target) - 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#1565c0">target ${target}/s</text>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}" stroke="#333"/><line x1="${left}" x2="${width - 20}" y1="${bottom}" y2="${bottom}" stroke="#333"/>`,
    bars,
    '</svg>',
  ].join('\n');
}

const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';

/** bench/results/<time>.{json,md}, latest.{json,md,svg}, and the run's block in docs/benchmarks.md. */
export function writeResults(root: string, r: BenchReport): string[] {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = r.startedAt.replace(/[:.]/g, '-');
  const md = markdown(r);
  const svg = chartSvg([...r.pipeline.steps, ...(r.scaleOut?.steps ?? [])]);
  const files: [string, string][] = [
    [join(dir, `${stamp}.json`), JSON.stringify(r, null, 2)],
    [join(dir, `${stamp}.md`), md],
    [join(dir, 'latest.json'), JSON.stringify(r, null, 2)],
    [join(dir, 'latest.md'), md],
    [join(dir, 'latest.svg'), svg],
  ];
  for (const [file, text] of files) writeFileSync(file, `${text}\n`);
  const doc = join(root, 'docs', 'benchmarks.md');
  try {
    const text = readFileSync(doc, 'utf8');
    const a = text.indexOf(BEGIN);
    const b = text.indexOf(END);
    if (a >= 0 && b > a) writeFileSync(doc, `${text.slice(0, a + BEGIN.length)}\n\n${md}\n![outcomes per second by step](../bench/results/latest.svg)\n\n${text.slice(b)}`);
  } catch {
    // no docs/benchmarks.md in this checkout: the results folder has it all
  }
  return files.map(([f]) => f);
}
