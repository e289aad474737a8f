import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { get } from '../../api/client';
import { ErrorAlert, PageTitle } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import { endOfBureauDay, formatTime, startOfBureauDay } from '../../lib/time';

interface AuditRow {
  _id: string;
  at: string;
  service: string;
  actor: { sub: string; name: string; roles: string[] } | string;
  action: string;
  path: string;
  input?: unknown;
  status: number;
  after?: unknown;
  correlationId?: string;
}

const SERVICES = [
  { value: 'gateway', label: '统一入口（登录、用户）' },
  { value: 'complaint-intake', label: '投诉受理' },
  { value: 'classification', label: '投诉分类' },
  { value: 'enforcement-case', label: '执法案件' },
  { value: 'property-evaluation', label: '物业评价' },
];

export function AuditPage() {
  const [query, setQuery] = useState<{ service: string; actor?: string; range?: [Dayjs, Dayjs] | null; limit: number }>({ service: 'complaint-intake', limit: 200 });
  const params = {
    actor: query.actor,
    limit: query.limit,
    ...(query.range ? { from: startOfBureauDay(query.range[0].format('YYYY-MM-DD')), to: endOfBureauDay(query.range[1].format('YYYY-MM-DD')) } : {}),
  };
  const { data, isFetching: loading, error, refetch } = useQuery({
    queryKey: [...queryKeys.audit, query.service, params],
    queryFn: () => get<AuditRow[]>(`/api/v1/audit/${query.service}`, params),
  });
  return (
    <>
      <PageTitle title="审计日志" extra={<Button onClick={() => void refetch()}>刷新</Button>} />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" initialValues={query} onFinish={(v) => setQuery({ ...query, ...v })} style={{ rowGap: 8 }}>
          <Form.Item name="service" label="服务">
            <Select style={{ width: 200 }} options={SERVICES} />
          </Form.Item>
          <Form.Item name="actor" label="操作人">
            <Input allowClear placeholder="登录名" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="range" label="时间">
            <DatePicker.RangePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form>
      </Card>
      <ErrorAlert error={error} />
      <Card>
        <Table<AuditRow>
          rowKey="_id"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条（最近 ${query.limit} 条内）` }}
          scroll={{ x: 1000 }}
          expandable={{ expandedRowRender: (r) => <pre style={{ fontSize: 12, margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify({ input: r.input, after: r.after, correlationId: r.correlationId }, null, 2)}</pre> }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm:ss') },
            { title: '操作人', dataIndex: 'actor', width: 160, render: (a: AuditRow['actor']) => (typeof a === 'string' ? a : `${a.name}（${a.sub}）`) },
            { title: '操作', dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: '结果', dataIndex: 'status', width: 80, render: (v: number) => <Tag color={v < 300 ? 'green' : v < 500 ? 'orange' : 'red'}>{v}</Tag> },
          ]}
        />
        <Space style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">审计日志只能查看，任何人不能修改。</Typography.Text>
        </Space>
      </Card>
    </>
  );
}
