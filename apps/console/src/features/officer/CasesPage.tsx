import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CASE_STATE_LABELS, caseStateLabel } from '@pipeline/domain-terms';
import { get } from '../../api/client';
import type { CaseList, CaseSummary } from '../../api/types';
import { ErrorAlert, PageTitle, UrgentTag } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import { useUser } from '../../auth/SessionContext';
import { hasRole } from '../../auth/roles';
import { HOTSPOT_AREAS, placeName } from '../../lib/places';
import { formatTime } from '../../lib/time';
import { squadLabel, useSquads } from '../dispatcher/squads';
import { useCategories, categoryName } from '../operator/useCategories';

export function CasesPage() {
  const user = useUser();
  const isDispatcher = hasRole(user, 'dispatcher', 'admin');
  const [mine, setMine] = useState(!!user.squadId);
  const [state, setState] = useState<string>();
  const [area, setArea] = useState<string>();
  const [squadId, setSquadId] = useState<string>();
  const categories = useCategories();
  const squads = useSquads(isDispatcher).data ?? [];
  const squad = mine ? user.squadId : squadId;
  const query = { limit: 200, state, hotspotAreaId: area, squadId: squad };
  const { data, isFetching: loading, error, refetch } = useQuery({ queryKey: [...queryKeys.cases, query], queryFn: () => get<CaseList>('/api/v1/cases', query) });
  return (
    <>
      <PageTitle
        title={user.squadId && mine ? '我的案件' : '案件办理'}
        extra={
          <Space wrap>
            {user.squadId && (
              <Space>
                <Switch checked={mine} onChange={setMine} />
                <span>只看本中队（{user.squadId}）</span>
              </Space>
            )}
            {isDispatcher && (
              <Select allowClear placeholder="承办中队" style={{ width: 220 }} value={squadId} onChange={setSquadId} options={squads.map((s) => ({ value: s.squadId, label: s.name }))} />
            )}
            <Select allowClear placeholder="状态" style={{ width: 150 }} value={state} onChange={setState} options={Object.entries(CASE_STATE_LABELS).map(([value, label]) => ({ value, label }))} />
            <Select allowClear showSearch optionFilterProp="label" placeholder="热点区域" style={{ width: 180 }} value={area} onChange={setArea} options={HOTSPOT_AREAS.map((a) => ({ value: a.id, label: a.name }))} />
            <Button onClick={() => void refetch()}>刷新</Button>
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Card>
        <Table<CaseSummary>
          rowKey="_id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 件（最近 200 件内）` }}
          scroll={{ x: 950 }}
          locale={{ emptyText: '没有符合条件的案件' }}
          columns={[
            {
              title: '案件编号',
              dataIndex: '_id',
              render: (v: string, c) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/cases/${v}`} data-testid="case-link">
                    {v}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(c.openedAt)} 生成
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '类别', dataIndex: 'category', width: 100, render: (v: string, c) => <Space>{categoryName(categories, v)}<UrgentTag urgent={c.urgent} /></Space> },
            { title: '地点', width: 170, render: (_: unknown, c) => `${c.district ?? ''} ${placeName(c.communityId ?? c.hotspotAreaId)}` },
            { title: '程序', dataIndex: 'procedure', width: 90, render: (v: string) => (v === 'simple' ? <Tag color="cyan">简易</Tag> : <Tag>普通</Tag>) },
            { title: '状态', dataIndex: 'state', width: 150, render: (v: string) => <Tag color="purple">{caseStateLabel(v)}</Tag> },
            { title: '逾期', dataIndex: 'breachedDeadlines', width: 90, render: (v: string[]) => (v?.length ? <Tag color="red">{v.join('、')}</Tag> : '—') },
            ...(isDispatcher ? [{ title: '承办中队', dataIndex: 'squadId', width: 200, render: (v: string | null) => squadLabel(squads, v) }] : []),
          ]}
        />
      </Card>
    </>
  );
}
