import { useQuery } from '@tanstack/react-query';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Table, Tabs, Tag, Typography, App as AntApp } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { downloadCsv, get } from '../../api/client';
import { ErrorAlert, PageTitle } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import type { CompanyRow, CompanyTable, Ranking, RankingRow } from '../../api/types';
import { useUser } from '../../auth/SessionContext';
import { hasRole } from '../../auth/roles';
import { DISTRICTS } from '../../lib/places';
import { CARD_COLOURS, GRADE_COLOURS, usePeriods } from './periods';

const GRADES = ['excellent', 'good', 'pass', 'fail', 'unrated'];
const GRADE_NAMES: Record<string, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格', unrated: '无法评定' };

export function RankingPage() {
  const user = useUser();
  const { message } = AntApp.useApp();
  const isAuthority = hasRole(user, 'authority', 'admin');
  const { periods, period, setPeriod, loaded } = usePeriods();
  const [filters, setFilters] = useState<{ district?: string; propertyCompanyId?: string; grade?: string; card?: string }>({});
  const ranking = useQuery({
    queryKey: [...queryKeys.periods, period, 'ranking', filters],
    queryFn: () => get<Ranking>(`/api/v1/evaluations/periods/${period}/ranking`, filters),
    enabled: !!period,
  });
  const companies = useQuery({
    queryKey: [...queryKeys.periods, period, 'property-companies'],
    queryFn: () => get<CompanyTable>(`/api/v1/evaluations/periods/${period}/property-companies`),
    enabled: !!period && isAuthority,
  });
  const companyOptions = (companies.data?.rows ?? []).map((c) => ({ value: c.propertyCompanyId, label: c.propertyCompanyName }));

  if (loaded && !periods.length) return <Empty description="尚未开启任何评价季度（由住建主管部门在“评价指标与权重”中开启）" />;
  const rankingTable = (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="区市" style={{ width: 120 }} onChange={(district) => setFilters({ ...filters, district })} options={DISTRICTS.map((d) => ({ value: d, label: d }))} />
        {isAuthority && <Select allowClear showSearch optionFilterProp="label" placeholder="物业公司" style={{ width: 240 }} onChange={(propertyCompanyId) => setFilters({ ...filters, propertyCompanyId })} options={companyOptions} />}
        <Select allowClear placeholder="等级" style={{ width: 120 }} onChange={(grade) => setFilters({ ...filters, grade })} options={GRADES.map((g) => ({ value: g, label: GRADE_NAMES[g] }))} />
        <Select allowClear placeholder="黄红牌" style={{ width: 110 }} onChange={(card) => setFilters({ ...filters, card })} options={[{ value: 'yellow', label: '黄牌' }, { value: 'red', label: '红牌' }]} />
        <Button icon={<DownloadOutlined />} onClick={() => period && downloadCsv(`/api/v1/evaluations/periods/${period}/ranking`, filters, `小区评价排名_${period}.csv`).catch((e: Error) => message.error(e.message))}>
          导出 CSV
        </Button>
      </Space>
      <ErrorAlert error={ranking.error} />
      <Table<RankingRow>
        rowKey="communityId"
        loading={ranking.isFetching}
        dataSource={ranking.data?.rows ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个小区` }}
        scroll={{ x: 1250 }}
        locale={{ emptyText: '没有符合条件的小区' }}
        columns={[
          { title: '排名', dataIndex: 'rank', width: 70, render: (v: number | null) => v ?? '—' },
          { title: '小区', dataIndex: 'name', width: 150, render: (v: string, r) => <Link to={`/evaluation/communities/${r.communityId}?period=${period}`} data-testid="community-link">{v}</Link> },
          { title: '区市', dataIndex: 'district', width: 90 },
          { title: '物业公司', dataIndex: 'propertyCompanyName', width: 220 },
          { title: '得分', dataIndex: 'score', width: 80, render: (v: number | null, r) => (r.rated && v !== null ? v.toFixed(1) : '—') },
          { title: '等级', dataIndex: 'gradeName', width: 100, render: (v: string) => <Tag color={GRADE_COLOURS[v] ?? 'default'}>{v}</Tag> },
          { title: '较上期', width: 80, render: (_: unknown, r) => (r.change?.sincePrevious === null || r.change?.sincePrevious === undefined ? '—' : `${r.change.sincePrevious > 0 ? '+' : ''}${r.change.sincePrevious.toFixed(1)}`) },
          { title: '物业投诉/百户', dataIndex: 'propertyComplaintsPerHundredHouseholds', width: 120, render: (v: number) => v.toFixed(2) },
          { title: '牌', width: 80, render: (_: unknown, r) => (r.card.card === 'none' ? '—' : <Tag color={CARD_COLOURS[r.card.card]}>{r.card.label}</Tag>) },
          { title: '未提交', width: 220, render: (_: unknown, r) => (r.missingParties.length ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.missingParties.map((p) => p.name).join('、')}</Typography.Text> : '齐全') },
        ]}
      />
    </>
  );
  return (
    <>
      <PageTitle
        title={isAuthority ? '100 个重点小区物业服务评价' : '我负责的小区'}
        extra={
          <Space>
            评价季度
            <Select style={{ width: 180 }} value={period} onChange={setPeriod} options={periods.map((p) => ({ value: p.period, label: `${p.period}（${p.statusLabel}）` }))} />
          </Space>
        }
      />
      <Card>
        {isAuthority ? (
          <Tabs
            items={[
              { key: 'ranking', label: '排名', children: rankingTable },
              {
                key: 'companies',
                label: '物业公司平均',
                children: (
                  <Table<CompanyRow>
                    rowKey="propertyCompanyId"
                    loading={companies.isFetching}
                    dataSource={companies.data?.rows ?? []}
                    pagination={{ pageSize: 20 }}
                    columns={[
                      { title: '物业公司', dataIndex: 'propertyCompanyName' },
                      { title: '小区数', dataIndex: 'communities', width: 90 },
                      { title: '已评定', dataIndex: 'rated', width: 90 },
                      { title: '平均分', dataIndex: 'averageScore', width: 100, sorter: (a, b) => (a.averageScore ?? -1) - (b.averageScore ?? -1), render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
                      { title: '最低分', dataIndex: 'lowestScore', width: 100, render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
                      { title: '黄牌', dataIndex: 'yellowCards', width: 80 },
                      { title: '红牌', dataIndex: 'redCards', width: 80 },
                    ]}
                  />
                ),
              },
            ]}
          />
        ) : (
          rankingTable
        )}
      </Card>
    </>
  );
}
