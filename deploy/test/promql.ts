/** PromQL words that are not metric names: functions, aggregations, operators and modifiers. */
const PROMQL_WORDS = new Set([
  'sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group',
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'histogram_quantile', 'abs', 'absent', 'absent_over_time',
  'avg_over_time', 'max_over_time', 'min_over_time', 'sum_over_time', 'count_over_time', 'last_over_time', 'changes', 'resets',
  'clamp_min', 'clamp_max', 'vector', 'scalar', 'time', 'timestamp', 'label_replace', 'label_join', 'round', 'ceil', 'floor', 'sort', 'sort_desc',
  'label_values',
]);

/**
 * The metric names a PromQL expression (or a Grafana query using template
 * variables) reads. Deliberately simple, not a parser: strings, label
 * matchers, range selectors, grouping clauses, variables and numbers are removed,
 * then every remaining identifier that is not a PromQL word is a metric.
 */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ')
    // numbers and durations (0.95, 20, 6h)
    .replace(/(^|[^\w:])\d[\w.]*/g, '$1 ');
  const names = (stripped.match(/[A-Za-z_:][A-Za-z0-9_:]*/g) ?? []).filter((w) => !PROMQL_WORDS.has(w));
  return [...new Set(names)];
}
