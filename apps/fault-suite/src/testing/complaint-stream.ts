import { ComplaintMix, authHeaders, type ComplaintBody } from '@pipeline/testing';

/** A complaint the gateway accepted (202), with the phase of the run it was accepted in. */
export interface AcceptedComplaint {
  id: string;
  seq: number;
  phase: string;
  acceptedAt: number;
  /** 1 when the first try was accepted; more when the console had to retry. */
  attempts: number;
}

/** A complaint the stream gave up on: it was never accepted, so it is not counted. */
export interface RefusedComplaint {
  seq: number;
  phase: string;
  /** The last answer: an HTTP status, or `network` when no answer came. */
  last: string;
}

export interface StreamOptions {
  /** Complaints started per second over all workers. */
  ratePerSecond: number;
  workers: number;
  /** Attempts per complaint on 502/503/504 or no answer, with doubling backoff from `backoffMs`. */
  attempts: number;
  backoffMs: number;
  /** Upper bound on complaints filed over the whole run. */
  maxComplaints: number;
}

const DEFAULTS: StreamOptions = { ratePerSecond: 3, workers: 2, attempts: 4, backoffMs: 250, maxComplaints: 3_000 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A steady stream of complaints filed through the gateway, as hotline
 * operators file them: the public labeled tickets replayed with fresh text
 * variations. Each complaint carries its own Idempotency-Key, so an operator
 * console that retries after a 503 or a dropped connection never files the
 * same call twice; after `attempts` it gives up and the complaint is
 * counted as refused, never as accepted.
 */
export class ComplaintStream {
  readonly accepted: AcceptedComplaint[] = [];
  readonly refused: RefusedComplaint[] = [];
  /** Answers other than 202 and the retried ones: a broken contract, never expected. */
  readonly rejected: { seq: number; status: number; body: string }[] = [];
  private readonly mix: ComplaintMix;
  private readonly options: StreamOptions;
  private phase = 'idle';
  private next = 0;
  private workers: Promise<void>[] = [];
  private stopping = false;

  constructor(
    private readonly baseUrl: string,
    private readonly runId: string,
    options: Partial<StreamOptions> = {},
    seed = 20_241_125,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.mix = new ComplaintMix(seed);
  }

  get running(): boolean {
    return this.workers.length > 0;
  }

  /** Starts filing (or moves a running stream to a new phase). */
  start(phase: string): void {
    this.phase = phase;
    if (this.running) return;
    this.stopping = false;
    const interval = (1_000 * this.options.workers) / this.options.ratePerSecond;
    this.workers = Array.from({ length: this.options.workers }, (_, w) => this.work(interval, (w * interval) / this.options.workers));
  }

  /** Stops after the complaints in flight are answered (or given up). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers);
    this.workers = [];
  }

  acceptedIn(phase: string): AcceptedComplaint[] {
    return this.accepted.filter((a) => a.phase === phase);
  }

  refusedIn(phase: string): RefusedComplaint[] {
    return this.refused.filter((r) => r.phase === phase);
  }

  private async work(intervalMs: number, offsetMs: number): Promise<void> {
    await sleep(offsetMs);
    while (!this.stopping && this.next < this.options.maxComplaints) {
      const started = Date.now();
      await this.file(this.next++);
      // pacing a load generator, not waiting for an effect
      const rest = intervalMs - (Date.now() - started);
      if (rest > 0 && !this.stopping) await sleep(rest);
    }
  }

  /** The body filed as the seq-th complaint. */
  body(seq: number): ComplaintBody {
    return this.mix.body(seq);
  }

  private async file(seq: number): Promise<void> {
    const payload = JSON.stringify(this.body(seq));
    const idempotencyKey = `${this.runId}-${seq}`;
    let last = 'network';
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      try {
        const res = await fetch(`${this.baseUrl}/api/v1/complaints`, {
          method: 'POST',
          headers: { ...(await authHeaders()), 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: payload,
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        if (res.status === 202) {
          this.accepted.push({ id: (JSON.parse(text) as { id: string }).id, seq, phase: this.phase, acceptedAt: Date.now(), attempts: attempt });
          return;
        }
        last = String(res.status);
        if (![502, 503, 504].includes(res.status)) {
          this.rejected.push({ seq, status: res.status, body: text.slice(0, 500) });
          return;
        }
      } catch {
        last = 'network';
      }
      if (attempt < this.options.attempts) await sleep(this.options.backoffMs * 2 ** (attempt - 1));
    }
    this.refused.push({ seq, phase: this.phase, last });
  }
}
