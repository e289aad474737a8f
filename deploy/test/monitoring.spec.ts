import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { parse } from 'yaml';
import { METRICS, seriesNames } from '@pipeline/contracts';
import { REPO_ROOT } from './manifests';
import { metricNamesIn } from './promql';

/**
 * The alert rules and the Grafana dashboard read only metrics the apps
 * export (the catalogue in libs/contracts, which apps/system-e2e checks
 * against every app's /metrics, and Node's process metrics as prom-client
 * names them), and every metric of the catalogue is shown or alerted on.
 */

const MONITORING = join(REPO_ROOT, 'deploy', 'k8s', 'base', 'monitoring');

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}
interface Rule {
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const dashboard = JSON.parse(readFileSync(join(MONITORING, 'grafana-dashboard.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; query?: unknown; definition?: string }[] };
};
const rules = (parse(readFileSync(join(MONITORING, 'prometheus-rules.yaml'), 'utf8')) as { spec: { groups: { name: string; rules: Rule[] }[] } }).spec.groups.flatMap((g) => g.rules);
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');
const dashboardExprs = [
  ...panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)),
  ...dashboard.templating.list.flatMap((v) => (v.definition ? [v.definition] : [])),
];

/** Node's process metrics, as a registry of prom-client's own reports them. */
function processMetricNames(): string[] {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry.getMetricsAsArray().flatMap((m) => seriesNames({ name: m.name, type: String(m.type) === 'histogram' ? 'histogram' : 'gauge' }));
}

const exported = new Set([...Object.values(METRICS).flatMap(seriesNames), ...processMetricNames()]);
const unknownNames = (exprs: string[]) => exprs.flatMap((e) => metricNamesIn(e).filter((n) => !exported.has(n)).map((n) => `${n} in ${e.replace(/\s+/g, ' ').slice(0, 80)}`));
const CHINESE = /[\u4e00-\u9fff]/;

describe('metric names in PromQL', () => {
  it('are found past functions, label matchers, ranges, grouping, offsets and template variables', () => {
    expect(metricNamesIn('histogram_quantile(0.95, sum by (le, route) (rate(qd_http_request_duration_seconds_bucket{service=~"$service",route!="x y"}[$__rate_interval])))')).toEqual([
      'qd_http_request_duration_seconds_bucket',
    ]);
    expect(metricNamesIn('max by (area) (a_ratio) < on (namespace) group_left () max(b_target) and on (namespace, area) c_total offset 6h >= 20').sort()).toEqual(['a_ratio', 'b_target', 'c_total']);
    expect(metricNamesIn('label_values(qd_http_requests_total, service)')).toEqual(['qd_http_requests_total', 'service']);
  });
});

describe('the Grafana dashboard (grafana-dashboard.json)', () => {
  it('queries only metrics the apps export', () => {
    expect(dashboardExprs.length).toBeGreaterThan(15);
    // label_values(metric, label) names a label after the metric
    const exprs = dashboardExprs.map((e) => e.replace(/^label_values\((\w+),\s*\w+\)$/, '$1'));
    expect(unknownNames(exprs)).toEqual([]);
  });

  it('shows every metric of the catalogue', () => {
    const used = new Set(dashboardExprs.flatMap(metricNamesIn));
    const unshown = Object.values(METRICS).filter((m) => !seriesNames(m).some((s) => used.has(s))).map((m) => m.name);
    expect(unshown).toEqual([]);
  });

  it('has a stable uid and Chinese panel titles', () => {
    expect(dashboard.uid).toBe('qingdao-pipeline');
    expect(panels.filter((p) => !CHINESE.test(p.title)).map((p) => p.title)).toEqual([]);
  });
});

describe('the alert rules (prometheus-rules.yaml)', () => {
  const alerts = rules.filter((r) => r.alert);

  it('read only metrics the apps export', () => {
    expect(unknownNames(rules.map((r) => r.expr))).toEqual([]);
  });

  it('alert on growing lag, dead letters, rising overdue cases and a hotspot area under target with enough complaints', () => {
    const reading = (metric: string) => alerts.filter((a) => metricNamesIn(a.expr).includes(metric)).map((a) => a.alert);
    expect(reading('qd_kafka_consumer_lag_messages')).toEqual(['QdConsumerLagGrowing']);
    expect(alerts.find((a) => a.alert === 'QdConsumerLagGrowing')?.expr).toMatch(/deriv\(qd_kafka_consumer_lag_messages\[10m\]\)\) > 0/);
    expect(reading('qd_events_dead_lettered_total')).toEqual(['QdEventsDeadLettered']);
    expect(reading('qd_cases_overdue')).toEqual(['QdOverdueCasesRising']);
    const hotspot = alerts.find((a) => a.alert === 'QdHotspotBelowTarget');
    expect(hotspot && metricNamesIn(hotspot.expr).sort()).toEqual(['qd_complaint_to_case_target_ratio', 'qd_hotspot_complaint_to_case_ratio', 'qd_hotspot_complaints']);
    expect(hotspot?.expr).toMatch(/qd_hotspot_complaints\) >= \d+/);
  });

  it('each have a unique name, a severity and a Chinese summary and description for the on-call staff', () => {
    const names = alerts.map((a) => a.alert);
    expect(new Set(names).size).toBe(names.length);
    const incomplete = alerts
      .filter((a) => !['critical', 'warning', 'info'].includes(a.labels?.severity ?? '') || !CHINESE.test(a.annotations?.summary ?? '') || !CHINESE.test(a.annotations?.description ?? ''))
      .map((a) => a.alert);
    expect(incomplete).toEqual([]);
  });
});
