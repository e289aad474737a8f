import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Input, Modal, Popconfirm, Row, Table, Tag, Typography, App as AntApp } from 'antd';
import { useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { ErrorAlert, PageTitle } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import { formatTime } from '../../lib/time';
import type { RuleSet, RuleSetState, RuleSetSummary, RuleSetVersion } from '../../api/types';

const OUTCOMES: Record<string, string> = { case: '生成案件线索', candidate: '交调度员确认', service_request: '服务类办理', forwarded: '转其他部门' };

export function RuleSetsPage() {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: [...queryKeys.ruleSets, 'list'], queryFn: () => get<RuleSetSummary[]>('/api/v1/conversion/rule-sets') });
  const active = useQuery({ queryKey: [...queryKeys.ruleSets, 'active'], queryFn: () => get<RuleSet>('/api/v1/conversion/rule-sets/active') });
  const [viewing, setViewing] = useState<number | null>(null);
  const version = useQuery({ queryKey: [...queryKeys.ruleSets, viewing], queryFn: () => get<RuleSetVersion>(`/api/v1/conversion/rule-sets/${viewing}`), enabled: viewing !== null });
  // the active set unless another version was picked
  const shown = viewing === null ? active : version;
  const reloadRuleSets = () => void queryClient.invalidateQueries({ queryKey: queryKeys.ruleSets });
  const [draft, setDraft] = useState<string | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);
  const activate = async (version: number) => {
    try {
      await post(`/api/v1/conversion/rule-sets/${version}/activate`);
      message.success(`已启用规则集 v${version}`);
      reloadRuleSets();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '启用失败');
    }
  };
  const save = async () => {
    setDraftError(null);
    let body: unknown;
    try {
      body = JSON.parse(draft ?? '');
    } catch {
      setDraftError('不是合法的 JSON');
      return;
    }
    try {
      const r = await post<RuleSetState>('/api/v1/conversion/rule-sets', body);
      message.success(`已保存为 v${r.version}（尚未启用）`);
      setDraft(null);
      reloadRuleSets();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setDraftError([e.message, ...(e.body?.errors ?? []).map((x) => `${x.field}：${x.messages.join('、')}`)].join('；'));
    }
  };
  // a version's answer carries its rule set beside who saved it and whether it is active
  const rs = viewing === null ? active.data : version.data?.ruleSet;
  return (
    <>
      <PageTitle
        title="诉转案规则集"
        extra={
          <Button type="primary" onClick={() => setDraft(JSON.stringify({ description: rs?.description, rules: rs?.rules, default: rs?.default }, null, 2))} disabled={!rs}>
            基于当前版本新建
          </Button>
        }
      />
      <ErrorAlert error={list.error ?? active.error} />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card title="版本">
            <Table<RuleSetSummary>
              rowKey="version"
              size="small"
              loading={list.isFetching}
              dataSource={[...(list.data ?? [])].sort((a, b) => b.version - a.version)}
              pagination={{ pageSize: 10 }}
              onRow={(r) => ({ onClick: () => setViewing(r.version), style: { cursor: 'pointer' } })}
              columns={[
                { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => <Space2 v={v} active={active.data?.version === v} /> },
                { title: '创建', render: (_: unknown, r) => `${r.createdBy} ${formatTime(r.createdAt)}` },
                {
                  title: '',
                  width: 70,
                  render: (_: unknown, r) =>
                    active.data?.version === r.version ? null : (
                      <Popconfirm title={`启用 v${r.version}？此后的判定按该版本作出`} onConfirm={() => activate(r.version)}>
                        <Button size="small" onClick={(e) => e.stopPropagation()}>
                          启用
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={rs ? `规则集 v${rs.version}` : '规则集'} loading={shown.isFetching && !rs}>
            {rs && (
              <>
                <Typography.Paragraph>{rs.description}</Typography.Paragraph>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={rs.rules}
                  columns={[
                    { title: '#', width: 40, render: (_: unknown, __: unknown, i: number) => i + 1 },
                    { title: '规则', render: (_: unknown, r) => <><div>{r.description}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.id} · 条件 {JSON.stringify(r.when)}</Typography.Text></> },
                    { title: '结果', width: 150, render: (_: unknown, r) => <Tag color={r.then.outcome === 'case' ? 'purple' : 'default'}>{OUTCOMES[r.then.outcome] ?? r.then.outcome}</Tag> },
                  ]}
                />
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  以上均不符合时：{OUTCOMES[rs.default?.outcome] ?? rs.default?.outcome}（{rs.default?.reason}）
                </Typography.Paragraph>
              </>
            )}
          </Card>
        </Col>
      </Row>
      <Modal open={draft !== null} title="新建规则集版本" width={800} okText="保存为新版本" onOk={save} onCancel={() => setDraft(null)}>
        {draftError && <Alert type="error" showIcon title={draftError} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">规则按顺序匹配，第一条符合的决定结果；保存后须单独启用。</Typography.Paragraph>
        <Input.TextArea value={draft ?? ''} onChange={(e) => setDraft(e.target.value)} rows={20} style={{ fontFamily: 'monospace', fontSize: 12 }} />
      </Modal>
    </>
  );
}

function Space2({ v, active }: { v: number; active: boolean }) {
  return (
    <span>
      v{v} {active && <Tag color="green">启用中</Tag>}
    </span>
  );
}
