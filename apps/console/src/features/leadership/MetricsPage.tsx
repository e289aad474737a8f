import { useQuery } from '@tanstack/react-query';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Select, Table, Tag, Typography, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { downloadCsv, get } from '../../api/client';
import type { MetricAnswer, MetricRow } from '../../api/types';
import { TrendChart } from '../../components/TrendChart';
import { ErrorAlert, PageTitle } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import { formatRate, rateColour } from '../../lib/rate-colour';
import { categoryName, useCategories } from '../operator/useCategories';
import { usePeriod } from './usePeriod';

const METRIC = '/api/v1/metrics/complaint-to-case';

const GROUPS = [
  { value: 'hotspotArea', label: '按热点区域' },
  { value: 'district', label: '按区市' },
  { value: 'community', label: '按小区' },
  { value: 'category', label: '按类别' },
  { value: 'week', label: '按周' },
];

interface Options {
  groupBy: string;
  unit: string;
  scope: string;
  numerator: string;
}

export function MetricsPage() {
  const { message } = AntApp.useApp();
  const categories = useCategories();
  const { range, setRange, query } = usePeriod(2);
  const [opts, setOpts] = useState<Options>({ groupBy: 'hotspotArea', unit: 'issue', scope: 'hotspot', numerator: 'filed' });
  const params = { ...query, ...opts };
  const table = useQuery({ queryKey: [...queryKeys.metrics, params], queryFn: () => get<MetricAnswer>(METRIC, params) });
  const trendParams = { ...query, ...opts, groupBy: 'week' };
  const trend = useQuery({ queryKey: [...queryKeys.metrics, trendParams], queryFn: () => get<MetricAnswer>(METRIC, trendParams) });
  const keyOf = (r: MetricRow) => String(r.hotspotAreaId ?? r.communityId ?? r.district ?? r.category ?? r.week ?? r.name);
  const nameOf = (r: MetricRow) => (opts.groupBy === 'category' ? categoryName(categories, r.category as string) : (r.name ?? keyOf(r)));
  const target = table.data?.target ?? 0.1;
  return (
    <>
      <PageTitle
        title="诉转案指标与趋势"
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => downloadCsv(METRIC, params, `诉转案率_${opts.groupBy}_${query.from}_${query.to}.csv`).catch((e: Error) => message.error(e.message))}
            data-testid="csv-export"
          >
            导出 CSV
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="统计期">
            <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]] as [Dayjs, Dayjs])} />
          </Form.Item>
          <Form.Item label="分组">
            <Select style={{ width: 130 }} value={opts.groupBy} onChange={(groupBy) => setOpts({ ...opts, groupBy })} options={GROUPS} />
          </Form.Item>
          <Form.Item label="口径">
            <Select style={{ width: 120 }} value={opts.unit} onChange={(unit) => setOpts({ ...opts, unit })} options={[{ value: 'issue', label: '按事件' }, { value: 'order', label: '按工单' }]} />
          </Form.Item>
          <Form.Item label="范围">
            <Select style={{ width: 130 }} value={opts.scope} onChange={(scope) => setOpts({ ...opts, scope })} options={[{ value: 'hotspot', label: '30 个热点区域' }, { value: 'all', label: '全市' }]} />
          </Form.Item>
          <Form.Item label="分子">
            <Select style={{ width: 130 }} value={opts.numerator} onChange={(numerator) => setOpts({ ...opts, numerator })} options={[{ value: 'filed', label: '已立案' }, { value: 'opened', label: '已生成案件' }]} />
          </Form.Item>
        </Form>
      </Card>
      <Card title="周趋势（柱：投诉事件；折线：诉转案率）" style={{ marginBottom: 16 }} loading={trend.isFetching && !trend.data}>
        <ErrorAlert error={trend.error} />
        <TrendChart target={target} points={(trend.data?.rows ?? []).map((r) => ({ label: String(r.week ?? '').replace(/^\d{4}-/, ''), complaints: r.complaints, rate: r.rate }))} />
      </Card>
      <ErrorAlert error={table.error} />
      <Card>
        <Table<MetricRow>
          rowKey={keyOf}
          size="middle"
          loading={table.isFetching}
          dataSource={table.data?.rows ?? []}
          pagination={{ pageSize: 15, showTotal: (n) => `共 ${n} 行` }}
          locale={{ emptyText: '统计期内没有投诉' }}
          columns={[
            { title: GROUPS.find((g) => g.value === opts.groupBy)?.label.replace('按', '') ?? '分组', render: (_: unknown, r) => nameOf(r) },
            { title: '投诉', dataIndex: 'complaints', width: 100, sorter: (a, b) => a.complaints - b.complaints },
            { title: '转案', dataIndex: 'converted', width: 100, sorter: (a, b) => a.converted - b.converted },
            { title: '案件', dataIndex: 'cases', width: 100 },
            {
              title: '诉转案率',
              dataIndex: 'rate',
              width: 120,
              sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
              render: (v: number | null) => <span style={{ color: rateColour(v, target), fontWeight: 600 }}>{formatRate(v)}</span>,
            },
            { title: '达标', dataIndex: 'met', width: 90, render: (v: boolean, r) => (r.rate === null ? '—' : v ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>) },
          ]}
        />
        {table.data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            口径：{table.data.definition}
          </Typography.Paragraph>
        )}
      </Card>
    </>
  );
}
