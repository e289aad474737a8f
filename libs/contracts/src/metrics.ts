// The Prometheus metrics the services export: a contract with the alert
// rules and the Grafana dashboard in deploy/k8s/base/monitoring, which are
// checked against this list (deploy/test), and with the services, whose
// /metrics is checked against it (apps/system-e2e). ADR 0016.

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** Who exports a metric: every app, the four services that consume events and keep an outbox, or one service. */
export type MetricExporter = 'every app' | 'every service' | 'complaint-intake' | 'classification' | 'enforcement-case' | 'property-evaluation';

export interface MetricSpec<L extends string = string> {
  /** snake_case, `qd_` first, the unit last (`_seconds`, `_total`, `_ratio`). */
  name: string;
  type: MetricType;
  help: string;
  labelNames: readonly L[];
  exportedBy: MetricExporter;
}

const spec = <L extends string>(s: MetricSpec<L>): MetricSpec<L> => s;

export const METRICS = {
  // every app (gateway too): its HTTP API, by route template, never by raw URL
  httpRequests: spec({ name: 'qd_http_requests_total', type: 'counter', help: 'HTTP requests answered, by method, route template and status class', labelNames: ['method', 'route', 'status_class'], exportedBy: 'every app' }),
  httpRequestDuration: spec({ name: 'qd_http_request_duration_seconds', type: 'histogram', help: 'Time to answer an HTTP request, by method, route template and status class', labelNames: ['method', 'route', 'status_class'], exportedBy: 'every app' }),
  // every service: its consumer and its outbox
  eventsConsumed: spec({ name: 'qd_events_consumed_total', type: 'counter', help: 'Events whose handler finished, by logical topic', labelNames: ['topic'], exportedBy: 'every service' }),
  eventsFailed: spec({ name: 'qd_events_failed_total', type: 'counter', help: 'Handler attempts that failed (each retry counts), by logical topic', labelNames: ['topic'], exportedBy: 'every service' }),
  eventsDeadLettered: spec({ name: 'qd_events_dead_lettered_total', type: 'counter', help: 'Events sent to the topic\'s dead-letter topic, by logical topic', labelNames: ['topic'], exportedBy: 'every service' }),
  eventsSkipped: spec({ name: 'qd_events_skipped_duplicates_total', type: 'counter', help: 'Redelivered events skipped as already processed, by logical topic', labelNames: ['topic'], exportedBy: 'every service' }),
  consumerLag: spec({ name: 'qd_kafka_consumer_lag_messages', type: 'gauge', help: 'Messages behind the partition\'s high watermark, as of this pod\'s latest batch of it', labelNames: ['topic', 'partition'], exportedBy: 'every service' }),
  outboxBacklog: spec({ name: 'qd_outbox_backlog_aggregates', type: 'gauge', help: 'Aggregates with outbox entries not yet published, as far as this pod\'s relay knows', labelNames: [], exportedBy: 'every service' }),
  // the business, counted by the service that owns each fact
  complaintsReceived: spec({ name: 'qd_complaints_received_total', type: 'counter', help: 'Complaints accepted (repeated submissions not counted), by channel', labelNames: ['channel'], exportedBy: 'complaint-intake' }),
  complaintsClassified: spec({ name: 'qd_complaints_classified_total', type: 'counter', help: 'Complaints classified by the model, by category', labelNames: ['category'], exportedBy: 'classification' }),
  casesOpened: spec({ name: 'qd_cases_opened_total', type: 'counter', help: 'Enforcement cases opened, by category', labelNames: ['category'], exportedBy: 'enforcement-case' }),
  casesClosed: spec({ name: 'qd_cases_closed_total', type: 'counter', help: 'Enforcement cases closed (结案), by category', labelNames: ['category'], exportedBy: 'enforcement-case' }),
  casesOverdue: spec({ name: 'qd_cases_overdue', type: 'gauge', help: 'Open cases with a deadline the bureau has missed', labelNames: [], exportedBy: 'enforcement-case' }),
  hotspotComplaints: spec({ name: 'qd_hotspot_complaints', type: 'gauge', help: 'Complaints (incidents) this month per hotspot area: the denominator of the complaint-to-case rate', labelNames: ['area'], exportedBy: 'enforcement-case' }),
  hotspotRate: spec({ name: 'qd_hotspot_complaint_to_case_ratio', type: 'gauge', help: 'Complaint-to-case rate this month per hotspot area (ADR 0009 default definition); absent without complaints', labelNames: ['area'], exportedBy: 'enforcement-case' }),
  complaintToCaseTarget: spec({ name: 'qd_complaint_to_case_target_ratio', type: 'gauge', help: 'The complaint-to-case target (COMPLAINT_TO_CASE_TARGET)', labelNames: [], exportedBy: 'enforcement-case' }),
  evaluationsPublished: spec({ name: 'qd_evaluation_results_published_total', type: 'counter', help: 'Six-party evaluation results published, by whether final', labelNames: ['final'], exportedBy: 'property-evaluation' }),
} as const;

export type MetricKey = keyof typeof METRICS;

/** The apps named by an exporter. */
export function metricExportedBy(spec: MetricSpec, app: string): boolean {
  if (spec.exportedBy === 'every app') return true;
  if (spec.exportedBy === 'every service') return app !== 'gateway';
  return spec.exportedBy === app;
}

/** The series names one metric produces in the exposition format (a histogram has three). */
export function seriesNames(spec: Pick<MetricSpec, 'name' | 'type'>): string[] {
  return spec.type === 'histogram' ? [`${spec.name}_bucket`, `${spec.name}_sum`, `${spec.name}_count`] : [spec.name];
}
