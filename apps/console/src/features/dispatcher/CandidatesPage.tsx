import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Tooltip, Typography, App as AntApp } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, get, post } from '../../api/client';
import type { Candidate, CandidateDecision, CandidateQueue, ComplaintView, Squad } from '../../api/types';
import { DeadlineTag, ErrorAlert, PageTitle, UrgentTag } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import { useUser } from '../../auth/SessionContext';
import { mapApiErrors } from '../../lib/form-errors';
import { DISTRICTS, placeName } from '../../lib/places';
import { formatTime } from '../../lib/time';
import { squadLoad, useSquads } from './squads';

export const REJECTION_REASONS = [
  { value: 'NOT_A_VIOLATION', label: '经核实不构成违法行为' },
  { value: 'INSUFFICIENT_EVIDENCE', label: '线索不足，无法核实违法事实' },
  { value: 'ALREADY_CORRECTED', label: '当事人已自行改正' },
  { value: 'HANDLED_ELSEWHERE', label: '已由其他部门依法处理' },
  { value: 'OUT_OF_REMIT', label: '不属本局职责，移交其他部门' },
  { value: 'OTHER', label: '其他（须说明）' },
];

type Decision = { kind: 'accept' | 'reject'; candidate: Candidate } | null;

export function CandidatesPage() {
  const queryClient = useQueryClient();
  const { data, isFetching: loading, error, refetch } = useQuery({ queryKey: queryKeys.candidates, queryFn: () => get<CandidateQueue>('/api/v1/candidates', { limit: 200 }) });
  const [decision, setDecision] = useState<Decision>(null);
  const [district, setDistrict] = useState<string>();
  const [urgentOnly, setUrgentOnly] = useState(false);
  const squads = useSquads().data ?? [];
  const items = (data?.items ?? []).filter((c) => (!district || c.district === district) && (!urgentOnly || c.urgent));
  return (
    <>
      <PageTitle
        title="待确认线索"
        extra={
          <Space wrap>
            <Select allowClear placeholder="区市" style={{ width: 130 }} value={district} onChange={setDistrict} options={DISTRICTS.map((d) => ({ value: d, label: d }))} />
            <Space>
              <Switch checked={urgentOnly} onChange={setUrgentOnly} />
              只看紧急
            </Space>
            <Button onClick={() => void refetch()}>刷新</Button>
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">规则未能自动立案的可执法投诉：紧急的在前，其次等待最久的。请在 15 日核查期限内确认或驳回。</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Card>
        <Table<Candidate>
          rowKey="complaintId"
          loading={loading}
          dataSource={items}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '队列为空：没有待确认的线索' }}
          expandable={{ expandedRowRender: (c) => <ComplaintText id={c.complaintId} /> }}
          columns={[
            {
              title: '投诉',
              render: (_: unknown, c) => (
                <Space direction="vertical" size={0}>
                  <Space>
                    <UrgentTag urgent={c.urgent} />
                    <Link to={`/complaints/${c.complaintId}`}>{c.categoryName}</Link>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(c.receivedAt)} 受理
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '地点', width: 180, render: (_: unknown, c) => `${c.district ?? ''} ${placeName(c.communityId ?? c.hotspotAreaId)}` },
            {
              title: '提出规则',
              render: (_: unknown, c) => (
                <Tooltip title={Array.isArray(c.ruleExplanation) ? c.ruleExplanation.join('；') : (c.ruleExplanation ?? '')}>
                  <span data-testid="candidate-rule">
                    <Tag>规则集 v{c.ruleVersion}</Tag>
                    {c.reason}
                  </span>
                </Tooltip>
              ),
            },
            { title: '核查期限', width: 190, render: (_: unknown, c) => (c.checkDueAt || c.overdue ? <DeadlineTag deadline={{ dueAt: c.checkDueAt, overdue: c.overdue }} /> : <Tooltip title={c.note}>未定</Tooltip>) },
            {
              title: '操作',
              width: 190,
              fixed: 'right',
              render: (_: unknown, c) => (
                <Space>
                  <Button type="primary" size="small" onClick={() => setDecision({ kind: 'accept', candidate: c })} data-testid={`accept-${c.complaintId}`}>
                    确认立线索
                  </Button>
                  <Button size="small" danger onClick={() => setDecision({ kind: 'reject', candidate: c })}>
                    驳回
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <DecisionModal
        decision={decision}
        squads={squads}
        onClose={(done) => {
          setDecision(null);
          // a decision takes the candidate off the queue, may open a case and changes a squad's load
          if (done) for (const queryKey of [queryKeys.candidates, queryKeys.cases, queryKeys.squads, queryKeys.complaints]) void queryClient.invalidateQueries({ queryKey });
        }}
      />
    </>
  );
}

/** The complaint's own words, read when a row is opened (the queue carries only the classification). */
function ComplaintText({ id }: { id: string }) {
  const { data, isPending: loading, error } = useQuery({ queryKey: [...queryKeys.complaints, id], queryFn: () => get<ComplaintView>(`/api/v1/complaints/${encodeURIComponent(id)}`) });
  if (loading) return <Typography.Text type="secondary">读取中…</Typography.Text>;
  if (error || !data) return <Typography.Text type="danger">{error?.message ?? '读取失败'}</Typography.Text>;
  return (
    <Space direction="vertical" size={2}>
      <span>{data.text}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {data.address ?? ''} {data.channelLabel} · {data.externalRef ? `工单 ${data.externalRef}` : '无工单号'}
      </Typography.Text>
    </Space>
  );
}

function DecisionModal({ decision, squads, onClose }: { decision: Decision; squads: Squad[]; onClose: (done: boolean) => void }) {
  const user = useUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ squadId?: string; note?: string; reasonCode?: string }>();
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonCode = Form.useWatch('reasonCode', form);
  useEffect(() => {
    form.resetFields();
    setGeneral(null);
  }, [decision, form]);
  if (!decision) return null;
  const c = decision.candidate;
  const accept = decision.kind === 'accept';
  const inDistrict = squads.filter((s) => !c.district || s.district === c.district);
  const submit = async (v: { squadId?: string; note?: string; reasonCode?: string }) => {
    setBusy(true);
    setGeneral(null);
    try {
      const body = accept ? { dispatcher: user.sub, ...(v.squadId ? { squadId: v.squadId } : {}), ...(v.note ? { note: v.note } : {}) } : { dispatcher: user.sub, reasonCode: v.reasonCode, ...(v.note ? { note: v.note } : {}) };
      const r = await post<CandidateDecision>(`/api/v1/candidates/${c.complaintId}/${decision.kind}`, body);
      message.success(accept ? `已确认，生成案件 ${r.caseId ?? ''}` : '已驳回');
      onClose(true);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const mapped = mapApiErrors(e.body, ['squadId', 'note', 'reasonCode']);
      form.setFields(mapped.fields as never);
      if (!mapped.fields.length) setGeneral(mapped.general.join('；'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={accept ? '确认为案件线索并指派' : '驳回线索'} okText={accept ? '确认' : '驳回'} okButtonProps={{ danger: !accept, loading: busy }} onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      <Typography.Paragraph>
        {c.categoryName} · {c.district ?? ''} {placeName(c.communityId ?? c.hotspotAreaId)}
      </Typography.Paragraph>
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        {accept ? (
          <Form.Item name="squadId" label="指派中队" extra="不选则按辖区与负荷自动推荐">
            <Select
              allowClear
              placeholder="自动推荐"
              options={inDistrict.map((s) => ({ value: s.squadId, label: `${s.name}（在办 ${s.open}/${s.capacity}，负荷 ${Math.round(squadLoad(s) * 100)}%）` }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="reasonCode" label="驳回理由" rules={[{ required: true, message: '请选择驳回理由' }]}>
            <Select options={REJECTION_REASONS} data-testid="reject-reason" />
          </Form.Item>
        )}
        <Form.Item name="note" label="说明" rules={[{ required: !accept && reasonCode === 'OTHER', message: '选择“其他”时须说明' }, { max: 500, message: '不能超过 500 字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
