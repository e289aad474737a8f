import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { get } from '../../api/client';
import { ErrorAlert, PageTitle } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import type { CommunityRecord, ResultTerm } from '../../api/types';
import { formatTime } from '../../lib/time';
import { CARD_COLOURS, GRADE_COLOURS, usePeriods } from './periods';

// the service's rates are already percentages (0–100) and callback satisfaction is points out of 100
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const points = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} 分`);

export function CommunityRecordPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { periods, period: newest } = usePeriods();
  const period = search.get('period') ?? newest;
  const { data: r, isFetching: loading, error } = useQuery({
    queryKey: [...queryKeys.periods, period, 'communities', id],
    queryFn: () => get<CommunityRecord>(`/api/v1/evaluations/periods/${period}/communities/${encodeURIComponent(id)}`),
    enabled: !!period,
  });
  if (!period) return <Empty description="尚未开启评价季度" />;
  if (loading && !r) return <Skeleton active />;
  if (!r) return <ErrorAlert error={error} />;
  const res = r.result;
  const title = (
    <PageTitle
      title={`${r.community.name} · 评价档案`}
      extra={
        <Space>
          <Select style={{ width: 180 }} value={period} onChange={(p) => setSearch({ period: p })} options={periods.map((p) => ({ value: p.period, label: `${p.period}（${p.statusLabel}）` }))} />
          <Link to={`/evaluation/submit?community=${id}&period=${period}`}>
            <Button type="primary">提交评分</Button>
          </Link>
        </Space>
      }
    />
  );
  // a community listed after its period closed has no result in it
  if (!res)
    return (
      <>
        {title}
        <Empty description="本评价期没有该小区的评价结果" />
      </>
    );
  return (
    <>
      {title}
      <ErrorAlert error={error} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="综合得分" value={res.rated && res.score !== null ? res.score.toFixed(1) : '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="等级" valueRender={() => <Tag color={GRADE_COLOURS[res.gradeName]} data-testid="community-grade">{res.gradeName}</Tag>} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="排名（共 100）" value={res.rank ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="黄红牌" valueRender={() => (res.card.card === 'none' ? <span>无</span> : <Tag color={CARD_COLOURS[res.card.card]}>{res.card.label}</Tag>)} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title="各方评价与计算" style={{ marginBottom: 16 }}>
            <Table<ResultTerm>
              rowKey="party"
              size="small"
              pagination={false}
              dataSource={res.terms}
              columns={[
                { title: '参评方', dataIndex: 'partyName' },
                { title: '状态', dataIndex: 'statusLabel', width: 90, render: (v: string, t) => <Tag color={t.status === 'scored' ? 'green' : 'default'}>{v}</Tag> },
                { title: '权重', dataIndex: 'weight', width: 70, render: (v: number, t) => `${v}%${t.effectiveWeight !== v ? ` → ${t.effectiveWeight.toFixed(1)}%` : ''}` },
                { title: '得分', dataIndex: 'score', width: 70, render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
                { title: '计算', dataIndex: 'arithmetic', render: (v: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text> },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              合计：{res.total}；在评权重 {res.presentWeight}%；{res.final ? '期末定稿' : '期中结果'}，计算于 {formatTime(res.evaluatedAt)}。{res.card.reasons.join('；')}
            </Typography.Paragraph>
          </Card>
          <Card title="各方提交">
            {r.parties.filter((p) => 'submission' in p).map((p) => (
              <Card key={p.code} type="inner" size="small" title={`${p.name}（${p.instrumentName}，权重 ${p.weight}%）`} style={{ marginBottom: 8 }}>
                {p.submission ? (
                  <>
                    <Space wrap>
                      <Tag color="blue">得分 {p.submission.score.toFixed(1)}</Tag>
                      {p.submission.items.map((i) => (
                        <Tag key={i.code} title={i.comment ?? undefined}>
                          {i.name}：{i.score}/{i.maxScore}
                          {i.faults !== null ? `（${i.faults} 处问题）` : ''}
                        </Tag>
                      ))}
                    </Space>
                    <div style={{ marginTop: 4 }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        第 {p.submission.revision} 次提交 · {p.submission.submittedBy} {p.submission.submittedAt ? formatTime(p.submission.submittedAt) : ''} {p.submission.comment ?? ''}
                        {p.submission.vetoes?.length ? ` · 一票否决：${p.submission.vetoes.join('、')}` : ''}
                      </Typography.Text>
                    </div>
                  </>
                ) : (
                  <Typography.Text type="secondary">未提交</Typography.Text>
                )}
              </Card>
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title="小区信息" size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="区市街道">{r.community.district} {r.community.subdistrict}</Descriptions.Item>
              <Descriptions.Item label="户数">{r.community.households}</Descriptions.Item>
              <Descriptions.Item label="建成年份">{r.community.builtYear}</Descriptions.Item>
              <Descriptions.Item label="物业公司">{res.propertyCompanyName}</Descriptions.Item>
              <Descriptions.Item label="重点名单">{r.community.onFocusList ? '在列' : '已退出'}{res.exit.leavesFocusList ? '（本期满足退出条件）' : ''}</Descriptions.Item>
            </Descriptions>
          </Card>
          {r.complaints && (
            <Card title="投诉指标（来自诉转案系统）" size="small" style={{ marginBottom: 16 }}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label="物业类投诉">{r.complaints.facts.complaints} 件（每百户 {r.complaints.perHundredHouseholds.toFixed(2)}）</Descriptions.Item>
                <Descriptions.Item label="重复投诉率">{pct(r.complaints.repeatRate)}</Descriptions.Item>
                <Descriptions.Item label="转案率">{pct(r.complaints.caseRate)}</Descriptions.Item>
                <Descriptions.Item label="回访满意度">{points(r.complaints.callbackSatisfaction)}</Descriptions.Item>
                <Descriptions.Item label="按时办结率">{pct(r.complaints.timelyRate)}</Descriptions.Item>
                <Descriptions.Item label="投诉指标得分">{points(r.complaints.score)}</Descriptions.Item>
              </Descriptions>
            </Card>
          )}
          {r.survey && (
            <Card title="业主满意度调查" size="small" style={{ marginBottom: 16 }}>
              已收回 {r.survey.respondents} / 最少 {r.survey.required} 户 {r.survey.sufficient ? <Tag color="green">样本充足</Tag> : <Tag color="orange">样本不足</Tag>}
              <div>
                满意 {r.survey.answers.satisfied} · 基本满意 {r.survey.answers.basically_satisfied} · 不满意 {r.survey.answers.dissatisfied}
              </div>
            </Card>
          )}
          <Card title="历期趋势" size="small">
            <Table
              rowKey="period"
              size="small"
              pagination={false}
              dataSource={r.trend}
              columns={[
                { title: '季度', dataIndex: 'period' },
                { title: '得分', dataIndex: 'score', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
                { title: '等级', dataIndex: 'grade' },
                { title: '牌', dataIndex: 'card', render: (v: string) => (v === 'none' ? '—' : <Tag color={CARD_COLOURS[v]}>{v === 'red' ? '红牌' : '黄牌'}</Tag>) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
