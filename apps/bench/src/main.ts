import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ComplaintMix, IsolatedInfra, REPO_ROOT, RunningSystem, authHeaders, eventually } from '@pipeline/testing';
import { LoadGenerator } from './load';
import { OutcomeTracker } from './outcomes';
import { runStep, type StepPlan, type StepResult } from './pipeline';
import { currentQuarter, growth, type Databases } from './growth';
import { kafkaHops } from './raw-kafka';
import { storeThroughput } from './raw-store';
import { machine, markdown, writeResults, type BenchReport } from './report';
import { LagSampler, ResourceSampler } from './samplers';
import { StoreProfileFolder } from './store-profile';

const CONSUMERS = ['complaint-intake', 'classification', 'enforcement-case', 'property-evaluation'] as const;
const say = (msg: string) => process.stdout.write(`[bench] ${msg}\n`);
// the load generator stands for many operators, each within a raised per-person limit, so the limit does not measure itself
const UNLIMITED = { RATE_LIMIT_PER_MINUTE: '100000' };

/** The databases a stored complaint occupies, in a running system. */
function databasesOf(system: RunningSystem): Databases {
  return { intake: system.database('complaint-intake'), cases: system.database('enforcement-case'), evaluation: system.database('property-evaluation') };
}

interface Options {
  quick: boolean;
  scaleOut: boolean;
  /** Complaints stored for the growth step (each size in turn). */
  stored: number[];
}

function options(argv: string[]): Options {
  const usage = () => {
    process.stderr.write(`参数有误：${argv.join(' ')}\n用法：npm run bench [-- --quick] [--no-scale-out] [--stored=10000,100000,1000000]\n`);
    return process.exit(2);
  };
  let values: { quick?: boolean; 'no-scale-out'?: boolean; stored?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { quick: { type: 'boolean' }, 'no-scale-out': { type: 'boolean' }, stored: { type: 'string' } }, strict: true }));
  } catch {
    return usage();
  }
  const stored = values.stored !== undefined ? values.stored.split(',').map(Number) : null;
  if (stored?.some((n) => !Number.isInteger(n) || n < 1)) return usage();
  const quick = values.quick === true;
  // quick leaves out the scale-out (its consumer groups need up to a minute to rebalance) and grows to 5,000 only
  return { quick, scaleOut: !quick && !values['no-scale-out'], stored: stored ?? (quick ? [5_000] : [10_000, 100_000]) };
}

/** The pid in an infra pid file (.var/infra/<profile>/...), if it runs. */
function infraPid(profile: string, file: string): number | undefined {
  try {
    return Number(readFileSync(join(REPO_ROOT, '.var', 'infra', profile, file), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const ns = `bench-${randomBytes(3).toString('hex')}`;
  const external = process.env.KAFKA_BROKERS && process.env.MONGODB_URI ? { kafkaBrokers: process.env.KAFKA_BROKERS, mongoUri: process.env.MONGODB_URI } : null;
  const isolated = external ? null : await IsolatedInfra.create('bench');
  say(external ? `使用已有的 Kafka ${external.kafkaBrokers} 与数据库 ${external.mongoUri}` : '启动独立的 Kafka 与 FerretDB（与开发、测试环境互不影响）…');
  let infra = external;
  if (isolated) {
    await Promise.all([isolated.startKafka(), isolated.startStore()]);
    infra = { kafkaBrokers: isolated.kafkaBrokers, mongoUri: isolated.mongoUri };
  }
  if (!infra) throw new Error('no infrastructure');
  const brokers = infra.kafkaBrokers.split(',');
  let system: RunningSystem | null = null;
  const stops: (() => Promise<void> | void)[] = [];
  try {
    say('原始上限：Kafka 三跳转发…');
    const kafka = await kafkaHops(brokers, ns, { messages: opts.quick ? 10_000 : 40_000, hops: 3, partitions: 6 });
    say(`Kafka：${kafka.messagesPerSec} 条/秒（${kafka.messages} 条，${kafka.messageBytes} 字节）`);
    say('原始上限：数据库写入…');
    const store = await storeThroughput(infra.mongoUri, `${ns.replace(/-/g, '_')}_raw`, { documents: opts.quick ? 1_000 : 4_000, concurrency: 16 });
    say(`数据库：单条插入 ${store.insertsPerSec} 条/秒，批量插入 ${store.bulkInsertsPerSec} 条/秒，按 _id 更新 ${store.updatesPerSec} 条/秒`);

    say('启动全部服务…');
    const profile = new StoreProfileFolder();
    stops.push(() => profile.remove());
    const current = await RunningSystem.start(ns, infra, { env: { ...UNLIMITED, STORE_COMMAND_PROFILE: profile.folder } });
    system = current;
    const groups = Object.fromEntries(CONSUMERS.map((s) => [s, current.consumerGroup(s)]));
    const tracker = new OutcomeTracker(brokers, ns);
    await tracker.start();
    const lag = new LagSampler(brokers, ns, groups);
    await lag.start();
    const resources = new ResourceSampler(() => ({
      ...Object.fromEntries(current.processes.map((p) => [p.name, p.pid])),
      ...(isolated ? { kafka: infraPid(isolated.name, 'kafka/broker.pid'), ferretdb: infraPid(isolated.name, 'ferretdb/ferretdb.pid') } : {}),
    }));
    resources.start();
    // stopped before the growth step, or on the way out if the run fails earlier
    let sampling = true;
    const stopSampling = async () => {
      if (!sampling) return;
      sampling = false;
      await resources.stop();
      await lag.stop();
      await tracker.stop();
    };
    stops.push(stopSampling);
    const operators = await Promise.all(Array.from({ length: 32 }, (_, i) => authHeaders({ sub: `bench-operator-${i + 1}`, roles: ['operator'] })));
    const load = new LoadGenerator(current.baseUrl, operators, new ComplaintMix(), ns);
    const deps = { load, tracker, lag, resources };

    const seconds = opts.quick ? 5 : 15;
    const drain = opts.quick ? 10 : 30;
    // a few complaints first: classifier, routes and connections warm, not part of any step
    await runStep({ step: 'warm-up', seconds: 2, ratePerSec: 10, drainTimeoutSeconds: drain, instances: 1 }, deps);

    const rates = opts.quick ? [50, 200] : [50, 200, 500, 1_000, 2_000];
    const steps: StepResult[] = [];
    for (const rate of rates) {
      say(`流水线：每秒 ${rate} 件，持续 ${seconds} 秒…`);
      const r = await runStep({ step: `${rate}/s`, seconds, ratePerSec: rate, drainTimeoutSeconds: drain, instances: 1 }, deps);
      steps.push(r);
      say(`  受理 ${r.accepted}，结果 ${r.sustainedPerSec} 件/秒，${r.keptUp ? '跟得上' : '跟不上'}；HTTP p99 ${r.httpMs.p99} ms，受理→立案 p99 ${r.acceptedToCaseMs.p99 ?? '—'} ms`);
      // a rate the pipeline could not keep up with says what the next, higher one would: skip them
      if (!r.keptUp) break;
    }
    const flatOut = (step: string, instances: number): StepPlan => ({ step, seconds, concurrency: 64, drainTimeoutSeconds: drain, instances });
    say('流水线：尽可能快（64 个并发话务台）…');
    const fastest = await runStep(flatOut('max', 1), deps);
    steps.push(fastest);
    say(`  受理 ${fastest.acceptedPerSec} 件/秒，结果 ${fastest.sustainedPerSec} 件/秒`);

    let scaleOut: BenchReport['scaleOut'] = null;
    if (opts.scaleOut) {
      say('扩容：分类与执法案件服务各加一个实例…');
      for (const name of ['classification', 'enforcement-case'] as const) await current.addInstance(name);
      // the new members have partitions once both groups have rebalanced
      await eventually(async () => {
        for (const name of ['classification', 'enforcement-case']) if ((await lag.members(name)) < 2) throw new Error(`${name} 尚未完成再平衡`);
      }, { timeoutMs: 90_000, intervalMs: 500 });
      const scaled = await runStep(flatOut('max, 2 instances', 2), deps);
      scaleOut = { steps: [scaled], sustainedPerSec: scaled.sustainedPerSec, gain: fastest.sustainedPerSec ? Math.round((scaled.sustainedPerSec / fastest.sustainedPerSec) * 100) / 100 : null };
      say(`  结果 ${scaled.sustainedPerSec} 件/秒（单实例 ${fastest.sustainedPerSec}）`);
    }

    // what the load steps cost the store (files are written every 5 s)
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const storeProfile = profile.snapshot();
    await stopSampling();

    // The growth step times reads on a quiet system: the load steps leave a backlog that would keep
    // the store busy for minutes and time that instead. The loaded system stops; a fresh one (its own
    // topics and databases) is filled with copies of what the loaded one stored.
    say('数据增长：停止已加载的服务，另起一套空闲的服务…');
    const loaded = databasesOf(current);
    await current.stop();
    const quiet = await RunningSystem.start(`${ns}-g`, infra, { env: UNLIMITED });
    system = quiet;
    say(`数据增长：列表、诉转案统计与小区排名在存量 ${opts.stored.join('、')} 件时的耗时…`);
    const admin = await authHeaders({ sub: 'bench-admin', roles: ['admin'] });
    const period = currentQuarter();
    const opened = await fetch(`${quiet.baseUrl}/api/v1/evaluations/periods`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ period, openedBy: '基准测试' }),
    });
    if (![201, 409].includes(opened.status)) throw new Error(`无法开启评价期 ${period}：${opened.status} ${await opened.text()}`);
    const growthPoints = await growth({
      gatewayUrl: quiet.baseUrl,
      caseServiceUrl: quiet.service('enforcement-case').url,
      mongoUri: infra.mongoUri,
      templates: loaded,
      databases: databasesOf(quiet),
      headers: admin,
      sizes: opts.stored,
      samples: 3,
      period,
      say,
    });

    const all = [...steps, ...(scaleOut?.steps ?? [])];
    const best = all.reduce((a, b) => (b.sustainedPerSec > a.sustainedPerSec ? b : a));
    const at200 = steps.find((s) => s.offeredPerSec === 200);
    const rawLimit = Math.min(kafka.messagesPerSec, store.insertsPerSec);
    const report: BenchReport = {
      startedAt,
      mode: opts.quick ? 'quick' : 'full',
      seconds: (Date.now() - started) / 1000,
      machine: machine(),
      raw: { kafkaMessagesPerSec: kafka.messagesPerSec, storeInsertsPerSec: store.insertsPerSec, kafka, store },
      pipeline: {
        sustainedPerSec: best.sustainedPerSec,
        sustainedStep: best.step,
        p99IntakeMs: at200?.httpMs.p99 ?? null,
        p99AcceptedToCaseMs: at200?.acceptedToCaseMs.p99 ?? null,
        p99AcceptedToDecidedMs: at200?.acceptedToDecidedMs.p99 ?? null,
        steps,
      },
      scaleOut,
      growth: growthPoints,
      storeProfile,
      ratio: rawLimit ? Math.round((best.sustainedPerSec / rawLimit) * 1000) / 1000 : 0,
      findings: findings(all),
    };
    const files = writeResults(REPO_ROOT, report);
    process.stdout.write(`\n${markdown(report)}\n`);
    say(`结果已写入 ${files.map((f) => f.replace(`${REPO_ROOT}/`, '')).join('、')}，用时 ${Math.round(report.seconds)} 秒`);
  } finally {
    for (const stop of stops) await stop();
    await system?.stop();
    await isolated?.destroy();
  }
}

/** Plain statements a reader of the table would draw: where the time and the CPU went. */
function findings(steps: StepResult[]): string[] {
  const out: string[] = [];
  const saturated = steps.find((s) => !s.keptUp);
  if (saturated) {
    const busiest = Object.entries(saturated.resources).sort((a, b) => b[1].cpuPercent - a[1].cpuPercent).slice(0, 3);
    out.push(
      `At ${saturated.step} the pipeline fell behind (${saturated.sustainedPerSec} outcomes/s for ${saturated.acceptedPerSec} accepted/s); ` +
        `the busiest processes were ${busiest.map(([n, r]) => `${n} ${r.cpuPercent}% of a core`).join(', ')}; ` +
        `lag peaked at ${Object.entries(saturated.maxLag).map(([g, n]) => `${g} ${n}`).join(', ')}.`,
    );
  }
  return out;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`[bench] 失败：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
