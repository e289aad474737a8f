import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricSpec } from '@pipeline/contracts';

/** Seconds; from a fast read to the gateway's 30 s proxy timeout. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * One app's metrics: a registry of its own (several apps share a process in
 * tests), every series labelled with the app's name, the metrics made from
 * the catalogue in libs/contracts (METRICS), so their names, types and labels
 * are what the alert rules and the dashboard expect.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
  }

  /** Node's process metrics (CPU, memory, event-loop lag, GC), under their usual names. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(spec: MetricSpec<L>, collect?: (counter: Counter<L>) => void): Counter<L> {
    return this.once(spec, 'counter', () => new Counter<L>({ ...this.base(spec), ...(collect ? { collect() { collect(this); } } : {}) }));
  }

  gauge<L extends string>(spec: MetricSpec<L>, collect?: (gauge: Gauge<L>) => void | Promise<void>): Gauge<L> {
    return this.once(spec, 'gauge', () => new Gauge<L>({ ...this.base(spec), ...(collect ? { collect() { return collect(this); } } : {}) }));
  }

  histogram<L extends string>(spec: MetricSpec<L>): Histogram<L> {
    return this.once(spec, 'histogram', () => new Histogram<L>({ ...this.base(spec), buckets: DURATION_BUCKETS }));
  }

  /** The text exposition format. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  private base<L extends string>(spec: MetricSpec<L>) {
    return { name: spec.name, help: spec.help, labelNames: spec.labelNames, registers: [this.registry] };
  }

  /** A metric is made once per app; asking again (two providers of one service) returns the same one. */
  private once<T>(spec: MetricSpec, type: MetricSpec['type'], make: () => T): T {
    if (spec.type !== type) throw new Error(`metric ${spec.name} is a ${spec.type}, not a ${type}`);
    return (this.registry.getSingleMetric(spec.name) as T | undefined) ?? make();
  }
}
