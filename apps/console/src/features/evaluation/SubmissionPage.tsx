import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tabs, Typography, App as AntApp } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { get, post, put } from '../../api/client';
import type { Community, Scheme, SchemeParty, ScoredSubmission } from '../../api/types';
import { ErrorAlert, PageTitle } from '../../components/common';
import { useFormMutation } from '../../components/form-mutation';
import { queryKeys } from '../../api/query-client';
import { useUser } from '../../auth/SessionContext';
import { usePeriods } from './periods';

interface ScoreForm {
  indicators: { code: string; score?: number; faults?: number; comment?: string }[];
  vetoes?: string[];
  comment?: string;
  submittedBy: string;
}

interface SurveyForm {
  householdRef: string;
  channel?: string;
  answers: Record<string, string>;
}

export function SubmissionPage() {
  const user = useUser();
  const [search] = useSearchParams();
  const { periods, period: newest } = usePeriods();
  const [period, setPeriod] = useState<string | undefined>(search.get('period') ?? undefined);
  const [communityId, setCommunityId] = useState<string | undefined>(search.get('community') ?? undefined);
  const [partyCode, setPartyCode] = useState<string>(user.roles.includes('committee') ? 'owners_committee' : 'district_authority');
  const communities = useQuery({ queryKey: queryKeys.communities, queryFn: () => get<Community[]>('/api/v1/evaluations/communities') });
  const scheme = useQuery({ queryKey: [...queryKeys.schemes, 'latest'], queryFn: () => get<Scheme>('/api/v1/evaluations/schemes/latest') });
  const chosenPeriod = period ?? newest;
  useEffect(() => {
    if (!communityId && communities.data?.length) setCommunityId(communities.data[0]._id);
  }, [communities.data, communityId]);
  // a committee member scores as the owners' committee; the housing authority enters the other parties' forms
  const onlyCommittee = user.roles.includes('committee') && !user.roles.some((r) => r === 'authority' || r === 'admin');
  const parties = (scheme.data?.scheme.parties ?? []).filter((p) => p.instrument === 'submission' && (!onlyCommittee || p.code === 'owners_committee'));
  const party = parties.find((p) => p.code === partyCode);

  if (!periods.length && communities.data) return <Empty description="尚未开启评价季度" />;
  return (
    <>
      <PageTitle title="评分提交" />
      <ErrorAlert error={communities.error ?? scheme.error} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          季度
          <Select style={{ width: 170 }} value={chosenPeriod} onChange={setPeriod} options={periods.map((p) => ({ value: p.period, label: `${p.period}（${p.statusLabel}）` }))} />
          小区
          <Select
            style={{ width: 240 }}
            showSearch
            optionFilterProp="label"
            value={communityId}
            onChange={setCommunityId}
            options={(communities.data ?? []).map((c) => ({ value: c._id, label: `${c._id} ${c.name}` }))}
            data-testid="submit-community"
          />
          {communityId && chosenPeriod && <Link to={`/evaluation/communities/${communityId}?period=${chosenPeriod}`}>查看评价档案</Link>}
        </Space>
      </Card>
      {chosenPeriod && communityId && scheme.data && (
        <Card>
          <Tabs
            items={[
              {
                key: 'scores',
                label: '参评方评分',
                children: (
                  <>
                    <Space style={{ marginBottom: 12 }}>
                      参评方
                      <Select style={{ width: 260 }} value={partyCode} onChange={setPartyCode} options={parties.map((p) => ({ value: p.code, label: `${p.name}（权重 ${p.weight}%）` }))} />
                    </Space>
                    {party && <ScoresForm key={`${chosenPeriod}-${communityId}-${party.code}`} period={chosenPeriod} communityId={communityId} party={party} vetoes={(scheme.data.scheme.vetoes as { code: string; name: string }[]) ?? []} />}
                  </>
                ),
              },
              {
                key: 'survey',
                label: '业主问卷录入',
                children: <SurveyEntry key={`${chosenPeriod}-${communityId}`} period={chosenPeriod} communityId={communityId} questions={((scheme.data.scheme.survey as { questions: { code: string; text: string }[] }) ?? { questions: [] }).questions} />,
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}

function ScoresForm({ period, communityId, party, vetoes }: { period: string; communityId: string; party: SchemeParty; vetoes: { code: string; name: string }[] }) {
  const user = useUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ScoreForm>();
  const path = `/api/v1/evaluations/periods/${period}/communities/${communityId}/submissions/${party.code}`;
  useEffect(() => {
    form.setFieldsValue({ indicators: party.indicators.map((i) => ({ code: i.code })), submittedBy: user.name });
    // an earlier submission is the starting point of a resubmission
    get<ScoredSubmission>(path)
      .then((s) =>
        form.setFieldsValue({
          submittedBy: s.submittedBy,
          comment: s.comment ?? undefined,
          vetoes: s.vetoes,
          indicators: party.indicators.map((i) => {
            const found = s.items.find((x) => x.code === i.code);
            return { code: i.code, ...(found ? (found.faults !== null ? { faults: found.faults } : { score: found.score }) : {}), comment: found?.comment ?? undefined };
          }),
        }),
      )
      // 404: nothing submitted yet
      .catch(() => undefined);
  }, [path]); // eslint-disable-line react-hooks/exhaustive-deps

  const { submit, busy, general } = useFormMutation({
    form,
    fields: ['submittedBy', 'comment', 'vetoes', ...party.indicators.flatMap((_, n) => [`indicators[${n}].score`, `indicators[${n}].faults`, `indicators[${n}].comment`])],
    send: (v: ScoreForm) =>
      put(path, { ...v, indicators: v.indicators.map((i) => ({ code: i.code, ...(i.score !== undefined && i.score !== null ? { score: i.score } : {}), ...(i.faults !== undefined && i.faults !== null ? { faults: i.faults } : {}), ...(i.comment ? { comment: i.comment } : {}) })) }),
    // a submission changes the community's record and the period's ranking
    invalidates: [queryKeys.periods],
    onSuccess: () => void message.success('评分已提交'),
  });

  return (
    <Form form={form} layout="vertical" onFinish={(v) => submit(v)}>
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={party.indicators.map((i, n) => ({ ...i, n }))}
        columns={[
          { title: '指标', render: (_: unknown, i) => <Space direction="vertical" size={0}><span>{i.code} {i.name}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.guidance}</Typography.Text></Space> },
          {
            title: '得分 / 问题数',
            width: 180,
            render: (_: unknown, i) => (
              <>
                <Form.Item name={['indicators', i.n, 'code']} hidden>
                  <Input />
                </Form.Item>
                {i.deductionPerFault ? (
                  <Form.Item name={['indicators', i.n, 'faults']} rules={[{ required: true, message: '请填写问题数' }]} style={{ margin: 0 }} extra={`每处扣 ${i.deductionPerFault} 分，满分 ${i.maxScore}`}>
                    <InputNumber min={0} precision={0} addonAfter="处" style={{ width: '100%' }} />
                  </Form.Item>
                ) : (
                  <Form.Item name={['indicators', i.n, 'score']} rules={[{ required: true, message: '请打分' }]} style={{ margin: 0 }}>
                    <InputNumber min={0} max={i.maxScore} step={0.5} addonAfter={`/ ${i.maxScore}`} style={{ width: '100%' }} />
                  </Form.Item>
                )}
              </>
            ),
          },
          {
            title: '说明',
            width: 260,
            render: (_: unknown, i) => (
              <Form.Item name={['indicators', i.n, 'comment']} style={{ margin: 0 }}>
                <Input placeholder="扣分或问题说明" />
              </Form.Item>
            ),
          },
        ]}
      />
      <Row gutter={12} style={{ marginTop: 12 }}>
        {party.mayReportVeto && (
          <Col span={24}>
            <Form.Item name="vetoes" label="一票否决事项">
              <Checkbox.Group options={vetoes.map((v) => ({ value: v.code, label: v.name }))} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={14}>
          <Form.Item name="comment" label="总体意见">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="submittedBy" label="提交人（单位与姓名）" rules={[{ required: true, message: '请填写提交人' }]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={busy}>
        提交评分
      </Button>
    </Form>
  );
}

function SurveyEntry({ period, communityId, questions }: { period: string; communityId: string; questions: { code: string; text: string }[] }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SurveyForm>();
  const { submit, busy, general } = useFormMutation({
    form,
    fields: ['householdRef', 'channel'],
    send: (v: SurveyForm) =>
      post(`/api/v1/evaluations/periods/${period}/communities/${communityId}/survey-responses`, {
        householdRef: v.householdRef,
        ...(v.channel ? { channel: v.channel } : {}),
        answers: questions.map((q) => ({ question: q.code, answer: v.answers[q.code] })),
      }),
    // an answer moves the survey's sample, so the record and, once sufficient, the ranking
    invalidates: [queryKeys.periods],
    onSuccess: (_, v) => {
      message.success(`已录入住户 ${v.householdRef} 的问卷`);
      form.resetFields();
    },
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => submit(v)}>
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="householdRef" label="住户编号（楼-单元-室，不填姓名电话）" rules={[{ required: true, message: '请填写住户编号' }]}>
            <Input placeholder="3-2-501" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="channel" label="收集方式">
            <Select allowClear options={[{ value: 'paper', label: '纸质问卷' }, { value: 'wechat', label: '微信' }, { value: 'door_to_door', label: '入户' }, { value: 'phone', label: '电话' }]} />
          </Form.Item>
        </Col>
      </Row>
      {questions.map((q) => (
        <Form.Item key={q.code} name={['answers', q.code]} label={`${q.code} ${q.text}`} rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group optionType="button" options={[{ value: 'satisfied', label: '满意' }, { value: 'basically_satisfied', label: '基本满意' }, { value: 'dissatisfied', label: '不满意' }]} />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={busy}>
        录入问卷
      </Button>
    </Form>
  );
}
