import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Skeleton, Space, Tag, Timeline, Typography, App as AntApp } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, get, post } from '../../api/client';
import type { ComplaintView } from '../../api/types';
import { DeadlineTag, ErrorAlert, PageTitle, StatusTag, UrgentTag } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import { useUser } from '../../auth/SessionContext';
import { hasRole } from '../../auth/roles';
import { mapApiErrors } from '../../lib/form-errors';
import { formatTime } from '../../lib/time';

const SOURCE_LABELS: Record<string, string> = { 'complaint-intake': '受理', classification: '分类', 'enforcement-case': '执法' };

/** Still waiting for classification or the outcome: the page refreshes itself. */
function settling(c: ComplaintView | undefined): boolean {
  return !!c && (c.status === 'received' || (c.status === 'classified' && !c.outcome));
}

export function ComplaintPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const isOperator = hasRole(user, 'operator', 'admin');
  const mayOpenCase = hasRole(user, 'dispatcher', 'officer', 'admin');
  const [reveal, setReveal] = useState(false);
  const queryClient = useQueryClient();
  const { data: c, isFetching: loading, error } = useQuery({
    queryKey: [...queryKeys.complaints, id, { reveal }],
    queryFn: () => get<ComplaintView>(`/api/v1/complaints/${encodeURIComponent(id)}`, reveal ? { revealCaller: 'true' } : undefined),
    // while the pipeline is still working on it, look again shortly
    refetchInterval: (query) => (settling(query.state.data) ? 1500 : false),
  });

  if (loading && !c) return <Skeleton active />;
  if (!c) return <ErrorAlert error={error} />;
  const cls = c.classification;
  return (
    <>
      <PageTitle
        title={`投诉 ${c.externalRef ?? c.id}`}
        extra={
          <Space>
            <StatusTag status={c.status} label={c.statusLabel} />
            {settling(c) && <Tag color="processing">处理中，自动刷新</Tag>}
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title="诉求与答复要点" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="投诉编号" span={2}>
                <Typography.Text copyable>{c.id}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="诉求内容" span={2}>
                {c.text}
              </Descriptions.Item>
              <Descriptions.Item label="受理">{formatTime(c.receivedAt)}（{c.channelLabel}）</Descriptions.Item>
              <Descriptions.Item label="地址">{c.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="来电人">
                {c.caller ? (
                  <Space>
                    {c.caller.anonymous ? '匿名' : `${c.caller.name ?? ''} ${c.caller.phone ?? ''}`}
                    {isOperator && c.caller.masked && !c.caller.anonymous && (
                      <Button size="small" type="link" onClick={() => setReveal(true)}>
                        显示完整号码（记入审计）
                      </Button>
                    )}
                  </Space>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="答复期限">
                {c.deadline ? (
                  <Space direction="vertical" size={0}>
                    <span>
                      {c.deadline.label} <DeadlineTag deadline={c.deadline} />
                    </span>
                    {c.deadline.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.deadline.note}</Typography.Text>}
                  </Space>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="分类" span={2}>
                {cls ? (
                  <Space wrap data-testid="complaint-category">
                    <Tag color="blue">{cls.categoryName}</Tag>
                    {cls.enforceable ? <Tag color="purple">可执法</Tag> : <Tag>服务类</Tag>}
                    <UrgentTag urgent={cls.urgent} />
                    {cls.needsReview && <Tag color="orange">待人工复核</Tag>}
                    <span>
                      {cls.district ?? ''} {cls.hotspotAreaName ?? ''} {cls.communityName ?? ''}
                    </span>
                    <Typography.Text type="secondary">承办：{cls.responsibleBodyName}</Typography.Text>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">分类中…</Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="处理结果" span={2}>
                {c.outcome ? c.outcome.reason : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="关联案件" span={2}>
                {c.case ? (
                  <Space data-testid="complaint-case">
                    {mayOpenCase ? <Link to={`/cases/${c.case.caseId}`}>{c.case.caseId}</Link> : <span>{c.case.caseId}</span>}
                    <Tag color="purple">{c.case.stateLabel}</Tag>
                  </Space>
                ) : (
                  '无'
                )}
              </Descriptions.Item>
              {c.repeatOf && (
                <Descriptions.Item label="重复件" span={2}>
                  首次反映：<Link to={`/complaints/${c.repeatOf}`}>{c.repeatOf}</Link>
                </Descriptions.Item>
              )}
              {c.closure && (
                <Descriptions.Item label="办结" span={2}>
                  {c.closure.resolution ?? '已办结'} {c.closure.at ? `（${formatTime(c.closure.at)}）` : ''}
                </Descriptions.Item>
              )}
              {c.lastCallback && (
                <Descriptions.Item label="最近回访" span={2}>
                  {c.lastCallback.resolved ? '已解决' : '未解决'} · {c.lastCallback.satisfactionLabel} {c.lastCallback.notes ?? ''}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          {isOperator && <FollowUp complaint={c} onDone={() => void queryClient.invalidateQueries({ queryKey: queryKeys.complaints })} />}
        </Col>
        <Col xs={24} lg={9}>
          <Card title="办理进程">
            <Timeline
              items={c.timeline.map((t) => ({
                color: t.kind === 'received' ? 'blue' : t.kind.includes('close') ? 'green' : 'gray',
                children: (
                  <>
                    <div>
                      <strong>{t.title}</strong> <Tag>{SOURCE_LABELS[t.source] ?? t.source}</Tag>
                    </div>
                    {t.detail && <div>{t.detail}</div>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(t.at, 'YYYY-MM-DD HH:mm:ss')}
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** 办结 (record the handling result) and 回访 (the callback after closure). */
function FollowUp({ complaint, onDone }: { complaint: ComplaintView; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [closeForm] = Form.useForm<{ resolution: string }>();
  const [callbackForm] = Form.useForm<{ resolved: boolean; satisfaction: string; notes?: string }>();
  const [general, setGeneral] = useState<string | null>(null);
  const closed = complaint.status === 'closed';
  const mayClose = !closed && !complaint.case && complaint.status !== 'candidate' && complaint.status !== 'received';

  const send = async (path: string, body: unknown, form: typeof closeForm | typeof callbackForm, fields: string[], ok: string) => {
    setGeneral(null);
    try {
      await post(path, body);
      message.success(ok);
      form.resetFields();
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const mapped = mapApiErrors(e.body, fields);
      form.setFields(mapped.fields as never);
      if (!mapped.fields.length) setGeneral(mapped.general.join('；'));
    }
  };

  if (!closed && !mayClose) return null;
  return (
    <Card title={closed ? '回访' : '办结登记'}>
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      {closed ? (
        <Form form={callbackForm} layout="vertical" onFinish={(v) => send(`/api/v1/complaints/${complaint.id}/callback`, v, callbackForm, ['resolved', 'satisfaction', 'notes'], v.satisfaction === 'unsatisfied' ? '已回访，不满意：投诉已重办' : '已记录回访')}>
          <Form.Item name="resolved" label="问题是否已解决" rules={[{ required: true, message: '请选择' }]}>
            <Radio.Group options={[{ value: true, label: '已解决' }, { value: false, label: '未解决' }]} />
          </Form.Item>
          <Form.Item name="satisfaction" label="满意度" rules={[{ required: true, message: '请选择满意度' }]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'satisfied', label: '满意' },
                { value: 'basically_satisfied', label: '基本满意' },
                { value: 'unsatisfied', label: '不满意（重办）' },
              ]}
            />
          </Form.Item>
          <Form.Item name="notes" label="回访记录" rules={[{ max: 500, message: '不能超过 500 字' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            保存回访
          </Button>
        </Form>
      ) : (
        <Form form={closeForm} layout="vertical" onFinish={(v) => send(`/api/v1/complaints/${complaint.id}/close`, v, closeForm, ['resolution'], '已办结')}>
          <Form.Item name="resolution" label="办理结果" rules={[{ required: true, message: '请填写承办单位反馈的办理结果' }, { min: 2, message: '至少 2 个字' }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            办结
          </Button>
        </Form>
      )}
    </Card>
  );
}
