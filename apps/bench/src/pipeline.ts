import type { LoadGenerator } from './load';
import type { OutcomeTracker } from './outcomes';
import type { LagSampler, ResourceSampler, ResourceUse } from './samplers';
import { summarize, type Percentiles } from './stats';

export interface StepResult {
  step: string;
  /** Complaints per second asked for; null for as fast as it goes. */
  offeredPerSec: number | null;
  instances: number;
  seconds: number;
  sent: number;
  accepted: number;
  failures: Record<string, number>;
  skipped: number;
  acceptedPerSec: number;
  /** Accepted complaints whose outcome was stored within the drain time. */
  completed: number;
  /** Outcomes stored per second, from the first complaint sent to the last outcome of the step. */
  sustainedPerSec: number;
  /** Every accepted complaint had its outcome within the drain time, at ≥ 90 % of the offered rate. */
  keptUp: boolean;
  /** From the end of sending until the step's last outcome; null when some never came in time. */
  drainSeconds: number | null;
  httpMs: Percentiles;
  acceptedToClassifiedMs: Percentiles;
  acceptedToDecidedMs: Percentiles;
  acceptedToCaseMs: Percentiles;
  maxLag: Record<string, number>;
  resources: Record<string, ResourceUse>;
}

export interface StepPlan {
  step: string;
  seconds: number;
  ratePerSec?: number;
  concurrency?: number;
  drainTimeoutSeconds: number;
  instances: number;
}

/** Runs one load step and waits for its outcomes; everything the step showed. */
export async function runStep(plan: StepPlan, deps: { load: LoadGenerator; tracker: OutcomeTracker; lag: LagSampler; resources: ResourceSampler }): Promise<StepResult> {
  const startedAt = Date.now();
  const load = await deps.load.run(plan.step, { seconds: plan.seconds, ratePerSec: plan.ratePerSec, concurrency: plan.concurrency });
  const sendingEnded = Date.now();
  const outcomeOf = (id: string) => deps.tracker.outcomes.get(id);
  const deadline = sendingEnded + plan.drainTimeoutSeconds * 1000;
  while (Date.now() < deadline && load.accepted.some((a) => outcomeOf(a.id)?.decidedAt === undefined)) await new Promise((r) => setTimeout(r, 250));
  const settledAt = Date.now();

  const done = load.accepted.filter((a) => outcomeOf(a.id)?.decidedAt !== undefined);
  const lastOutcome = Math.max(sendingEnded, ...done.map((a) => outcomeOf(a.id)?.decidedAt ?? 0));
  const firstSent = Math.min(...load.accepted.map((a) => a.sentAt), sendingEnded);
  const sustainedPerSec = done.length ? Math.round((done.length * 1000) / Math.max(1, lastOutcome - firstSent)) : 0;
  const allDone = done.length === load.accepted.length;
  const since = (field: 'classifiedAt' | 'decidedAt' | 'caseOpenedAt') =>
    load.accepted.flatMap((a) => {
      const at = outcomeOf(a.id)?.[field];
      return at === undefined ? [] : [Math.max(0, at - a.acceptedAt)];
    });
  const lagInStep = deps.lag.samples.filter((s) => s.at >= startedAt && s.at <= settledAt);
  const maxLag: Record<string, number> = {};
  for (const s of lagInStep) for (const [group, n] of Object.entries(s.lag)) maxLag[group] = Math.max(maxLag[group] ?? 0, n);

  return {
    step: plan.step,
    offeredPerSec: plan.ratePerSec ?? null,
    instances: plan.instances,
    seconds: plan.seconds,
    sent: load.sent,
    accepted: load.accepted.length,
    failures: load.failures,
    skipped: load.skipped,
    acceptedPerSec: Math.round(load.accepted.length / plan.seconds),
    completed: done.length,
    sustainedPerSec,
    keptUp: allDone && load.skipped === 0 && (plan.ratePerSec === undefined || load.accepted.length >= 0.9 * plan.ratePerSec * plan.seconds),
    drainSeconds: allDone ? Math.round((lastOutcome - sendingEnded) / 100) / 10 : null,
    httpMs: summarize(load.httpMs),
    acceptedToClassifiedMs: summarize(since('classifiedAt')),
    acceptedToDecidedMs: summarize(since('decidedAt')),
    acceptedToCaseMs: summarize(since('caseOpenedAt')),
    maxLag,
    resources: deps.resources.window(startedAt, settledAt),
  };
}
