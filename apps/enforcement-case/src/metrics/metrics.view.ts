import { StreamableFile } from '@nestjs/common';
import { KEY_FIELDS, type GroupBy, type MetricRow } from './metrics.rules';

/** The key column's Chinese header per grouping. */
export const KEY_HEADERS: Record<GroupBy, string> = {
  hotspotArea: '热点区域编号',
  district: '区（市）',
  community: '社区编号',
  category: '分类代码',
  week: '周',
};

export const CSV_HEADERS = ['名称', '投诉数', '转案数', '案件数', '转案率', '达标'] as const;

/**
 * The rows as CSV: a Chinese header, rates as decimals (empty without
 * complaints), 是/否 for met, CRLF lines, and a UTF-8 byte order mark so
 * Excel reads the Chinese text as UTF-8.
 */
export function metricCsv(groupBy: GroupBy, rows: readonly MetricRow[]): string {
  const key = KEY_FIELDS[groupBy];
  const lines = [
    [KEY_HEADERS[groupBy], ...CSV_HEADERS],
    ...rows.map((r) => [r[key] ?? '', r.name, r.complaints, r.converted, r.cases, r.rate ?? '', r.met ? '是' : '否']),
  ];
  return '\uFEFF' + lines.map((cells) => cells.map((c) => csvCell(String(c))).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The CSV as a download named after the period. */
export function metricCsvFile(report: { groupBy: GroupBy; period: { from: string; to: string }; rows: readonly MetricRow[] }): StreamableFile {
  const body = Buffer.from(metricCsv(report.groupBy, report.rows), 'utf8');
  return new StreamableFile(body, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename=complaint-to-case-${report.period.from}-${report.period.to}.csv`,
    length: body.length,
  });
}
