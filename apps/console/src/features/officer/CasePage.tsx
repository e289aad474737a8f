import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Select, Skeleton, Space, Table, Tag, Timeline, Typography, App as AntApp } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { caseStateLabel } from '@pipeline/domain-terms';
import { get, post } from '../../api/client';
import type { AssignRequest, CaseDeadline, CaseView, OfferedAction, Squad } from '../../api/types';
import { DeadlineTag, ErrorAlert, PageTitle, UrgentTag } from '../../components/common';
import { useFormMutation } from '../../components/form-mutation';
import { queryKeys } from '../../api/query-client';
import { useUser } from '../../auth/SessionContext';
import { hasRole } from '../../auth/roles';
import { ACTION_LABELS, EXECUTION_RESULT_LABELS } from '../../lib/case-states';
import { deadlineFlag, worstFlag, FLAG_LABELS } from '../../lib/deadline-flags';
import { placeName } from '../../lib/places';
import { formatTime } from '../../lib/time';
import { squadLabel, useSquads } from '../dispatcher/squads';
import { categoryName, useCategories } from '../operator/useCategories';
import { ExtensionModal } from './ExtensionModal';
import { TransitionModal } from './TransitionModal';

export function CasePage() {
  const { id = '' } = useParams();
  const user = useUser();
  const categories = useCategories();
  const isDispatcher = hasRole(user, 'dispatcher', 'admin');
  const { data: c, isFetching: loading, error } = useQuery({ queryKey: [...queryKeys.cases, id], queryFn: () => get<CaseView>(`/api/v1/cases/${encodeURIComponent(id)}`) });
  const [offered, setOffered] = useState<OfferedAction | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [extending, setExtending] = useState<CaseDeadline | null>(null);
  const squads = useSquads(isDispatcher).data ?? [];

  if (loading && !c) return <Skeleton active />;
  if (!c) return <ErrorAlert error={error} />;
  const mayAct = isDispatcher || (hasRole(user, 'officer') && user.squadId === c.squadId);
  const flags = c.deadlines.map((d) => deadlineFlag(d));
  const worst = worstFlag(flags);
  return (
    <>
      <PageTitle
        title={`案件 ${c._id}`}
        extra={
          <Space>
            <Tag color="purple" data-testid="case-state">
              {c.stateLabel}
            </Tag>
            {c.procedure === 'simple' ? <Tag color="cyan">简易程序</Tag> : <Tag>普通程序</Tag>}
            {(worst === 'overdue' || worst === 'due_soon') && <Tag color={worst === 'overdue' ? 'red' : 'orange'}>{FLAG_LABELS[worst]}</Tag>}
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title="可办环节" style={{ marginBottom: 16 }}>
            {!mayAct && <Alert type="info" showIcon title="本案不属于您所在的中队，仅可查看" style={{ marginBottom: 12 }} />}
            {c.allowedActions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="案件已办结，没有可办环节" />
            ) : (
              <Space wrap data-testid="allowed-actions">
                {c.allowedActions.map((a) => (
                  <Button key={`${a.action}-${a.to}`} type={a.action === 'decide_on_spot' || a.action === 'file' ? 'primary' : 'default'} disabled={!mayAct} onClick={() => setOffered(a as OfferedAction)} data-action={a.action}>
                    {a.label}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
          <Card title="办案期限" style={{ marginBottom: 16 }}>
            <Table<CaseDeadline>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.deadlines}
              scroll={{ x: 640 }}
              locale={{ emptyText: '当前没有适用的期限' }}
              columns={[
                { title: '期限', width: 170, render: (_: unknown, d) => `${d.id} ${d.name}` },
                { title: '起算', dataIndex: 'trigger', width: 140 },
                { title: '届满', dataIndex: 'dueAt', width: 150, render: (v: string | null) => formatTime(v) },
                { title: '状态', width: 200, render: (_: unknown, d) => (d.note && !d.dueAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.note}</Typography.Text> : <DeadlineTag deadline={d} />) },
                {
                  title: '',
                  width: 70,
                  render: (_: unknown, d) =>
                    mayAct && !d.completedAt && d.status !== 'met' ? (
                      <Button size="small" type="link" onClick={() => setExtending(d)}>
                        延期
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
          <Card title="办理记录、文书与证据">
            {c.history.length === 0 ? (
              <Typography.Text type="secondary">尚无办理记录</Typography.Text>
            ) : (
              <Timeline
                items={c.history.map((h) => ({
                  children: (
                    <>
                      <div>
                        <strong>{ACTION_LABELS[h.action] ?? h.action}</strong> {caseStateLabel(h.from)} → {caseStateLabel(h.to)}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatTime(h.at, 'YYYY-MM-DD HH:mm:ss')} · 办理人 {h.actorId || '—'}
                      </Typography.Text>
                      {h.reason && <div>理由：{h.reason}</div>}
                      {h.executionResult && <div>执行结果：{EXECUTION_RESULT_LABELS[h.executionResult] ?? h.executionResult}</div>}
                      {h.officers?.length ? <div>执法人员：{h.officers.map((o) => `${o.name ?? o.id}（${o.certificateNo}）`).join('、')}</div> : null}
                      {h.documents?.length ? (
                        <div>
                          文书：
                          {h.documents.map((d) => (
                            <Tag key={d.kind + d.ref}>
                              {d.kind} {d.ref}
                            </Tag>
                          ))}
                        </div>
                      ) : null}
                    </>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title="案件信息">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="类别">
                <Space>
                  {categoryName(categories, c.category)}
                  <UrgentTag urgent={c.urgent} />
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="地点">
                {c.district ?? ''} {placeName(c.communityId ?? c.hotspotAreaId)}
              </Descriptions.Item>
              <Descriptions.Item label="生成时间">{formatTime(c.openedAt)}</Descriptions.Item>
              <Descriptions.Item label="承办中队">
                <Space>
                  <span data-testid="case-squad">{isDispatcher ? squadLabel(squads, c.squadId) : (c.squadId ?? '未指派')}</span>
                  {isDispatcher && (
                    <Button size="small" onClick={() => setAssigning(true)}>
                      改派
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="关联投诉">
                <Space direction="vertical" size={0}>
                  {c.complaintIds.map((cid) => (
                    <Link key={cid} to={`/complaints/${cid}`}>
                      {cid}
                    </Link>
                  ))}
                </Space>
              </Descriptions.Item>
              {c.extensions.length > 0 && (
                <Descriptions.Item label="延期">
                  {c.extensions.map((e) => `${e.key} +${e.days} 日（${e.approvedBy}，${e.approvalRef}）`).join('；')}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
      </Row>
      {extending && <ExtensionModal caseId={c._id} deadline={extending} onClose={() => setExtending(null)} />}
      <TransitionModal caseId={c._id} offered={offered} onClose={() => setOffered(null)} />
      {assigning && <AssignModal caseId={c._id} current={c.squadId} district={c.district} squads={squads} onClose={() => setAssigning(false)} />}
    </>
  );
}

function AssignModal({ caseId, current, district, squads, onClose }: { caseId: string; current: string | null; district: string | null; squads: Squad[]; onClose: () => void }) {
  const user = useUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ squadId: string; reason: string }>();
  const { submit, busy, general } = useFormMutation({
    form,
    fields: ['squadId', 'reason'],
    send: (v: Omit<AssignRequest, 'dispatcher'>) => {
      const body: AssignRequest = { ...v, dispatcher: user.sub };
      return post(`/api/v1/cases/${encodeURIComponent(caseId)}/assign`, body);
    },
    // the case moves between squads: the case lists and both squads' loads change
    invalidates: [queryKeys.cases, queryKeys.squads],
    onSuccess: () => {
      message.success('已改派');
      onClose();
    },
  });
  const sorted = [...squads].sort((a, b) => Number(b.district === district) - Number(a.district === district));
  return (
    <Modal open title="指派 / 改派中队" okText="确认" okButtonProps={{ loading: busy }} onOk={() => form.submit()} onCancel={onClose}>
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => submit(v)}>
        <Form.Item name="squadId" label="中队" rules={[{ required: true, message: '请选择中队' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={sorted.map((s) => ({ value: s.squadId, label: `${s.name}（在办 ${s.open}/${s.capacity}${s.squadId === current ? '，当前' : ''}）`, disabled: s.squadId === current }))}
          />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写改派理由' }, { min: 2, max: 200, message: '2–200 字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
