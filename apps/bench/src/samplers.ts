import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** Total lag of each consumer group over the topics it has committed on, sampled every second. */
export class LagSampler {
  readonly samples: { at: number; lag: Record<string, number> }[] = [];
  private admin: Admin | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly brokers: string[],
    private readonly prefix: string,
    private readonly groups: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    this.admin = new Kafka({ clientId: 'bench-lag', brokers: this.brokers, logLevel: logLevel.NOTHING }).admin();
    await this.admin.connect();
    this.timer = setInterval(() => void this.sample(), 1_000);
  }

  /** The lag of every group now, by the name it was given. */
  async lagNow(): Promise<Record<string, number>> {
    const admin = this.admin;
    if (!admin) throw new Error('LagSampler not started');
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${this.prefix}.`) && !t.endsWith('.dlq'));
    const ends = new Map<string, Map<number, bigint>>();
    for (const topic of topics) ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)])));
    const lag: Record<string, number> = {};
    for (const [name, groupId] of Object.entries(this.groups)) {
      let total = 0n;
      for (const t of await admin.fetchOffsets({ groupId, topics })) {
        for (const p of t.partitions) {
          // -1: never committed on this partition, i.e. a topic the group does not read
          if (p.offset === '-1') continue;
          const end = ends.get(t.topic)?.get(p.partition) ?? 0n;
          if (end > BigInt(p.offset)) total += end - BigInt(p.offset);
        }
      }
      lag[name] = Number(total);
    }
    return lag;
  }

  /** Members of a group now (a new instance counts once it has joined and the group is stable). */
  async members(name: string): Promise<number> {
    const admin = this.admin;
    if (!admin) throw new Error('LagSampler not started');
    const { groups } = await admin.describeGroups([this.groups[name]]);
    return groups[0]?.state === 'Stable' ? groups[0].members.length : 0;
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      this.samples.push({ at: Date.now(), lag: await this.lagNow() });
    } catch {
      // a sample missed while the broker is busy is a gap in the series, not an error of the run
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.admin?.disconnect().catch(() => undefined);
  }
}

const TICKS_PER_SECOND = 100;

/** CPU time (seconds) and resident memory (MiB) of a process from /proc; null once it has gone. */
function readProc(pid: number): { cpuSeconds: number; rssMiB: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which is in parentheses and may hold spaces
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuSeconds, rssMiB: rss ? Number(rss[1]) / 1024 : 0 };
  } catch {
    return null;
  }
}

export interface ResourceUse {
  /** Mean CPU over the window, in % of one core. */
  cpuPercent: number;
  peakRssMiB: number;
}

/** CPU and memory of named processes (services, broker, store), sampled every second. */
export class ResourceSampler {
  private readonly samples: { at: number; byName: Record<string, { cpuSeconds: number; rssMiB: number }> }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pids: () => Record<string, number | undefined>) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 1_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private sample(): void {
    const byName: Record<string, { cpuSeconds: number; rssMiB: number }> = {};
    for (const [name, pid] of Object.entries(this.pids())) {
      const use = pid ? readProc(pid) : null;
      if (use) byName[name] = use;
    }
    this.samples.push({ at: Date.now(), byName });
  }

  /** Use per process between two instants (ms). */
  window(from: number, to: number): Record<string, ResourceUse> {
    this.sample();
    const inside = this.samples.filter((s) => s.at >= from && s.at <= to + 1_000);
    const out: Record<string, ResourceUse> = {};
    if (inside.length < 2) return out;
    const names = new Set(inside.flatMap((s) => Object.keys(s.byName)));
    for (const name of names) {
      const points = inside.filter((s) => s.byName[name]);
      if (points.length < 2) continue;
      const first = points[0];
      const last = points[points.length - 1];
      const cpu = last.byName[name].cpuSeconds - first.byName[name].cpuSeconds;
      out[name] = {
        cpuPercent: Math.max(0, Math.round((cpu / ((last.at - first.at) / 1000)) * 100)),
        peakRssMiB: Math.round(Math.max(...points.map((p) => p.byName[name].rssMiB))),
      };
    }
    return out;
  }
}
