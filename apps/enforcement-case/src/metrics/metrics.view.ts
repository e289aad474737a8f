import type { StreamableFile } from '@nestjs/common';
import { csvFile, toCsv, type CsvCell } from '@pipeline/http';
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

function metricLines(groupBy: GroupBy, rows: readonly MetricRow[]): CsvCell[][] {
  const key = KEY_FIELDS[groupBy];
  return [
    [KEY_HEADERS[groupBy], ...CSV_HEADERS],
    ...rows.map((r) => [r[key] ?? '', r.name, r.complaints, r.converted, r.cases, r.rate, r.met ? '是' : '否']),
  ];
}

/** The rows as CSV: a Chinese header, rates as decimals (empty without complaints), 是/否 for met. */
export function metricCsv(groupBy: GroupBy, rows: readonly MetricRow[]): string {
  return toCsv(metricLines(groupBy, rows));
}

/** The CSV as a download named after the period. */
export function metricCsvFile(report: { groupBy: GroupBy; period: { from: string; to: string }; rows: readonly MetricRow[] }): StreamableFile {
  return csvFile(`complaint-to-case-${report.period.from}-${report.period.to}.csv`, metricLines(report.groupBy, report.rows));
}
