import { Agent, request } from 'node:http';
import type { ComplaintMix } from '@pipeline/testing';

/** One complaint the gateway answered 202. */
export interface Accepted {
  id: string;
  step: string;
  sentAt: number;
  acceptedAt: number;
}

export interface StepLoad {
  step: string;
  /** Requests per second asked for; null for as fast as it goes. */
  offeredPerSec: number | null;
  seconds: number;
  sent: number;
  accepted: Accepted[];
  /** Answers other than 202, by status ('network' when none came). */
  failures: Record<string, number>;
  /** Sends skipped because `maxInFlight` requests were already waiting: the generator's own limit. */
  skipped: number;
  httpMs: number[];
}

const agent = new Agent({ keepAlive: true, maxSockets: 512 });

function post(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}

/**
 * Files complaints through the gateway as operator consoles would: each
 * request is a new complaint of the labeled mix. `ratePerSec` sends on a
 * fixed schedule whatever the answers (open loop, so a slow system shows as
 * latency, not as a lower offered rate); without it, `concurrency` senders
 * file back to back (as fast as it goes).
 */
export class LoadGenerator {
  private seq = 0;

  constructor(
    private readonly gatewayUrl: string,
    /** One set of headers per operator; complaints are filed by each in turn. */
    private readonly operators: Record<string, string>[],
    private readonly mix: ComplaintMix,
    private readonly runId: string,
  ) {}

  async run(step: string, opts: { seconds: number; ratePerSec?: number; concurrency?: number; maxInFlight?: number }): Promise<StepLoad> {
    const result: StepLoad = { step, offeredPerSec: opts.ratePerSec ?? null, seconds: opts.seconds, sent: 0, accepted: [], failures: {}, skipped: 0, httpMs: [] };
    const endAt = Date.now() + opts.seconds * 1000;
    const inFlight = new Set<Promise<void>>();
    const track = (p: Promise<void>) => {
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };
    if (opts.ratePerSec) {
      const interval = 1000 / opts.ratePerSec;
      const start = Date.now();
      for (let k = 0; ; k++) {
        const due = start + k * interval;
        if (due >= endAt) break;
        const wait = due - Date.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        if (inFlight.size >= (opts.maxInFlight ?? 4_000)) {
          result.skipped++;
          continue;
        }
        track(this.fileOne(result));
      }
    } else {
      const workers = Array.from({ length: opts.concurrency ?? 64 }, async () => {
        while (Date.now() < endAt) await this.fileOne(result);
      });
      await Promise.all(workers);
    }
    await Promise.all(inFlight);
    return result;
  }

  private async fileOne(result: StepLoad): Promise<void> {
    const seq = this.seq++;
    const url = new URL('/api/v1/complaints', this.gatewayUrl);
    const sentAt = Date.now();
    const t0 = process.hrtime.bigint();
    result.sent++;
    const operator = this.operators[seq % this.operators.length];
    const res = await post(url, { ...operator, 'idempotency-key': `${this.runId}-${seq}` }, JSON.stringify(this.mix.body(seq)));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status === 202) {
      result.httpMs.push(ms);
      result.accepted.push({ id: (JSON.parse(res.body) as { id: string }).id, step: result.step, sentAt, acceptedAt: Date.now() });
    } else {
      const key = res.status === 0 ? 'network' : String(res.status);
      result.failures[key] = (result.failures[key] ?? 0) + 1;
    }
  }
}
