import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Collapse, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography, App as AntApp } from 'antd';
import { useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import type { Period, Scheme, SchemeParty, SchemeSummary } from '../../api/types';
import { ErrorAlert, PageTitle } from '../../components/common';
import { useFormMutation } from '../../components/form-mutation';
import { queryKeys } from '../../api/query-client';
import { useUser } from '../../auth/SessionContext';
import { formatTime } from '../../lib/time';

export function SchemesPage() {
  const user = useUser();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: [...queryKeys.schemes, 'list'],
    queryFn: () => get<SchemeSummary[]>('/api/v1/evaluations/schemes'),
  });
  const [version, setVersion] = useState<number>();
  const scheme = useQuery({
    queryKey: [...queryKeys.schemes, version ?? 'latest'],
    queryFn: () => get<Scheme>(version ? `/api/v1/evaluations/schemes/${version}` : '/api/v1/evaluations/schemes/latest'),
  });
  const periods = useQuery({ queryKey: queryKeys.periods, queryFn: () => get<Period[]>('/api/v1/evaluations/periods') });
  const reload = (queryKey: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey });
  const [opening, setOpening] = useState(false);
  const [draft, setDraft] = useState<string | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);
  const s = scheme.data?.scheme;
  const close = async (period: string) => {
    try {
      await post(`/api/v1/evaluations/periods/${period}/close`, { closedBy: user.name });
      message.success(`${period} 已结束评价，结果已定稿`);
      reload(queryKeys.periods);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
    }
  };
  const save = async () => {
    setDraftError(null);
    try {
      const r = await post<{ version: number }>('/api/v1/evaluations/schemes', JSON.parse(draft ?? ''));
      message.success(`已保存为方案 v${r.version}`);
      setDraft(null);
      reload(queryKeys.schemes);
    } catch (e) {
      if (e instanceof SyntaxError) setDraftError('不是合法的 JSON');
      else if (e instanceof ApiError) setDraftError([e.message, ...(e.body?.errors ?? []).map((x) => `${x.field}：${x.messages.join('、')}`)].join('；'));
      else throw e;
    }
  };
  return (
    <>
      <PageTitle
        title="评价方案：参评方、指标与权重"
        extra={
          <Space wrap>
            <Select
              style={{ width: 160 }}
              placeholder="最新版本"
              value={version}
              onChange={setVersion}
              allowClear
              options={(versions.data ?? []).map((v) => ({ value: v.version, label: `方案 v${v.version}` }))}
            />
            <Button disabled={!s} onClick={() => s && setDraft(JSON.stringify({ ...s, version: undefined }, null, 2))}>
              基于此版本新建
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={scheme.error ?? periods.error} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={s ? `${s.name}（v${s.version}）` : '评价方案'} loading={scheme.isFetching && !s}>
            {s && (
              <>
                <Typography.Paragraph type="secondary">{s.description}</Typography.Paragraph>
                <Table<SchemeParty>
                  rowKey="code"
                  size="small"
                  pagination={false}
                  dataSource={s.parties}
                  columns={[
                    { title: '参评方', dataIndex: 'name' },
                    { title: '方式', dataIndex: 'instrumentName', width: 120 },
                    { title: '权重', dataIndex: 'weight', width: 80, render: (v: number) => `${v}%` },
                    { title: '指标数', width: 80, render: (_: unknown, p) => p.indicators.length || '—' },
                    { title: '一票否决', dataIndex: 'mayReportVeto', width: 90, render: (v: boolean) => (v ? '可报' : '—') },
                  ]}
                  expandable={{
                    rowExpandable: (p) => p.indicators.length > 0,
                    expandedRowRender: (p) => (
                      <Table
                        rowKey="code"
                        size="small"
                        pagination={false}
                        dataSource={p.indicators}
                        columns={[
                          { title: '编号', dataIndex: 'code', width: 80 },
                          { title: '指标', dataIndex: 'name', width: 140 },
                          { title: '类别', dataIndex: 'category', width: 100 },
                          { title: '满分', dataIndex: 'maxScore', width: 70 },
                          { title: '扣分/处', dataIndex: 'deductionPerFault', width: 80, render: (v: number | null) => v ?? '—' },
                          { title: '评分要点', dataIndex: 'guidance' },
                        ]}
                      />
                    ),
                  }}
                />
                <Collapse
                  style={{ marginTop: 12 }}
                  items={[
                    { key: 'grades', label: '等级', children: ((s.grades as { name: string; minScore: number }[]) ?? []).map((g) => <Tag key={g.name}>{g.name} ≥ {g.minScore}</Tag>) },
                    { key: 'vetoes', label: '一票否决事项', children: ((s.vetoes as { code: string; name: string }[]) ?? []).map((v) => <Tag key={v.code}>{v.name}</Tag>) },
                    { key: 'rules', label: '黄红牌、退出与投诉指标', children: <pre style={{ fontSize: 12, margin: 0 }}>{JSON.stringify({ cards: s.cards, exit: s.exit, minPresentWeight: s.minPresentWeight, complaintIndicator: s.complaintIndicator }, null, 2)}</pre> },
                  ]}
                />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="评价季度" extra={<Button size="small" type="primary" onClick={() => setOpening(true)}>开启季度</Button>}>
            <Table<Period>
              rowKey="period"
              size="small"
              loading={periods.isFetching}
              dataSource={[...(periods.data ?? [])].sort((a, b) => b.period.localeCompare(a.period))}
              pagination={{ pageSize: 8 }}
              locale={{ emptyText: '尚未开启评价季度' }}
              columns={[
                { title: '季度', dataIndex: 'period' },
                { title: '方案', dataIndex: 'schemeVersion', render: (v: number) => `v${v}` },
                { title: '状态', dataIndex: 'statusLabel', render: (v: string, p) => <Tag color={p.status === 'open' ? 'blue' : 'default'}>{v}</Tag> },
                { title: '开启', dataIndex: 'openedAt', render: (v: string) => formatTime(v, 'MM-DD HH:mm') },
                {
                  title: '',
                  render: (_: unknown, p) =>
                    p.status === 'open' && (
                      <Popconfirm title={`结束 ${p.period} 的评价？将定稿全部 100 个小区的结果并决定黄红牌与退出`} onConfirm={() => close(p.period)}>
                        <Button size="small" danger>
                          结束
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {opening && <OpenPeriodModal onClose={() => setOpening(false)} />}
      <Modal open={draft !== null} title="新建评价方案版本" width={800} okText="保存为新版本" onOk={save} onCancel={() => setDraft(null)}>
        {draftError && <Alert type="error" showIcon title={draftError} style={{ marginBottom: 12 }} />}
        <Input.TextArea value={draft ?? ''} onChange={(e) => setDraft(e.target.value)} rows={20} style={{ fontFamily: 'monospace', fontSize: 12 }} />
      </Modal>
    </>
  );
}

function OpenPeriodModal({ onClose }: { onClose: () => void }) {
  const user = useUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ period: string }>();
  const { submit, busy, general } = useFormMutation({
    form,
    fields: ['period'],
    send: (v: { period: string }) => post('/api/v1/evaluations/periods', { period: v.period, openedBy: user.name }),
    invalidates: [queryKeys.periods],
    onSuccess: (_, v) => {
      message.success(`已开启 ${v.period}`);
      onClose();
    },
  });
  return (
    <Modal open title="开启评价季度" okText="开启" okButtonProps={{ loading: busy }} onOk={() => form.submit()} onCancel={onClose}>
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => submit(v)}>
        <Form.Item name="period" label="季度" rules={[{ required: true, message: '请填写季度' }, { pattern: /^\d{4}Q[1-4]$/, message: '形如 2026Q4' }]}>
          <Input placeholder="2026Q4" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
