import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { normalisePhone } from '@pipeline/domain-terms';
import { ApiError, get, post } from '../../api/client';
import type { ComplaintListItem, ComplaintPage } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert, PageTitle, StatusTag, UrgentTag } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import { useUser } from '../../auth/SessionContext';
import { hasRole } from '../../auth/roles';
import { phoneProblem } from '../../lib/phone';
import { COMMUNITIES, HOTSPOT_AREAS, placeName } from '../../lib/places';
import { endOfBureauDay, formatTime, startOfBureauDay } from '../../lib/time';
import { useCategories } from './useCategories';

interface Filters {
  externalRef?: string;
  callerPhone?: string;
  q?: string;
  place?: string;
  status?: string;
  category?: string;
  range?: [Dayjs, Dayjs] | null;
}

export const STATUS_OPTIONS = [
  { value: 'received', label: '已受理' },
  { value: 'classified', label: '已分类' },
  { value: 'candidate', label: '待调度确认' },
  { value: 'case', label: '已转执法案件' },
  { value: 'service_request', label: '服务类办理' },
  { value: 'forwarded', label: '已转其他部门' },
  { value: 'closed', label: '已办结' },
  { value: 'reopened', label: '重办' },
];

const PAGE_SIZE = 20;

/** Filters → the search body (by phone only through POST, so the number stays out of URLs and logs). */
function toQuery(f: Filters, cursor: string | undefined) {
  const place = f.place ?? '';
  return {
    ...(f.externalRef?.trim() ? { externalRef: f.externalRef.trim() } : {}),
    ...(f.q?.trim() ? { q: f.q.trim() } : {}),
    ...(place.startsWith('HS') ? { hotspotAreaId: place } : place.startsWith('CM') ? { communityId: place } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.range ? { from: startOfBureauDay(f.range[0].format('YYYY-MM-DD')), to: endOfBureauDay(f.range[1].format('YYYY-MM-DD')) } : {}),
    ...(cursor ? { cursor } : {}),
    limit: PAGE_SIZE,
  };
}

export function ComplaintSearchPage() {
  const user = useUser();
  const mayUsePhone = hasRole(user, 'operator', 'admin');
  const categories = useCategories();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const { data, isFetching: loading, error } = useQuery({
    queryKey: [...queryKeys.complaints, 'search', filters, cursors[page]],
    queryFn: () => {
      const query = toQuery(filters, cursors[page]);
      const phone = filters.callerPhone ? normalisePhone(filters.callerPhone) : null;
      // a phone number goes in a body, never in the URL (POST …/search)
      return phone ? post<ComplaintPage>('/api/v1/complaints/search', { ...query, callerPhone: phone }) : get<ComplaintPage>('/api/v1/complaints', query);
    },
  });

  const search = (v: Filters) => {
    setFilters(v);
    setCursors([undefined]);
  };

  return (
    <>
      <PageTitle title="投诉查询" />
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={search} style={{ rowGap: 12 }}>
          <Form.Item name="externalRef">
            <Input placeholder="12345 工单号" allowClear style={{ width: 150 }} />
          </Form.Item>
          {mayUsePhone && (
            <Form.Item name="callerPhone" rules={[{ validator: async (_r, v: string | undefined) => { const p = phoneProblem(v); if (p) throw new Error('号码格式不正确'); } }]}>
              <Input placeholder="来电号码" allowClear style={{ width: 150 }} />
            </Form.Item>
          )}
          <Form.Item name="q">
            <Input placeholder="内容关键词" allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="place">
            <Select
              placeholder="热点区域 / 小区"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 200 }}
              options={[
                { label: '热点区域', options: HOTSPOT_AREAS.map((a) => ({ value: a.id, label: `${a.id} ${a.name}` })) },
                { label: '重点小区', options: COMMUNITIES.map((c) => ({ value: c.id, label: `${c.id} ${c.name}` })) },
              ]}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select placeholder="状态" allowClear style={{ width: 130 }} options={STATUS_OPTIONS} />
          </Form.Item>
          <Form.Item name="category">
            <Select placeholder="类别" allowClear style={{ width: 130 }} options={categories.map((c) => ({ value: c.code, label: c.name }))} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker placeholder={['受理日期起', '止']} style={{ width: 240 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button onClick={() => (form.resetFields(), search({}))}>重置</Button>
          </Space>
        </Form>
      </Card>
      <ErrorAlert error={error as ApiError | null} />
      <Card>
        <Table<ComplaintListItem>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: '没有符合条件的投诉' }}
          columns={[
            { title: '受理时间', dataIndex: 'receivedAt', width: 140, render: (v: string) => formatTime(v) },
            {
              title: '诉求内容',
              dataIndex: 'text',
              render: (v: string, r) => (
                <Link to={`/complaints/${r.id}`}>
                  <UrgentTag urgent={r.urgent} />
                  {v}
                </Link>
              ),
            },
            { title: '类别', dataIndex: 'categoryName', width: 100, render: (v: string | null) => v ?? <Typography.Text type="secondary">待分类</Typography.Text> },
            { title: '地点', width: 150, render: (_: unknown, r) => placeName(r.communityId ?? r.hotspotAreaId) },
            { title: '工单号', dataIndex: 'externalRef', width: 120, render: (v: string | null) => v ?? '—' },
            { title: '状态', dataIndex: 'status', width: 120, render: (_: string, r) => <StatusTag status={r.status} label={r.statusLabel} /> },
          ]}
        />
        <CursorPager page={page} hasNext={!!data?.nextCursor} onPrev={() => setCursors((c) => c.slice(0, -1))} onNext={() => setCursors((c) => [...c, data?.nextCursor ?? undefined])} />
      </Card>
    </>
  );
}
