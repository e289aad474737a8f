import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { get } from '../../api/client';
import { DeadlineTag, ErrorAlert, PageTitle } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import type { OverdueCase, OverdueCaseList } from '../../api/types';
import { useUser } from '../../auth/SessionContext';
import { hasRole } from '../../auth/roles';
import { squadLabel, useSquads } from './squads';

export function OverduePage() {
  const user = useUser();
  const { data, isFetching: loading, error, refetch } = useQuery({ queryKey: [...queryKeys.cases, 'overdue'], queryFn: () => get<OverdueCaseList>('/api/v1/cases/overdue') });
  const squads = useSquads(hasRole(user, 'dispatcher', 'admin')).data ?? [];
  // an officer sees the overdue cases of their own squad
  const [squadId, setSquadId] = useState<string>();
  const items = (data?.items ?? []).filter((i) => (!(user.roles.length === 1 && user.roles[0] === 'officer') || i.squadId === user.squadId) && (!squadId || i.squadId === squadId));
  return (
    <>
      <PageTitle
        title="超期案件"
        extra={
          <Space>
            {squads.length > 0 && <Select allowClear placeholder="承办中队" style={{ width: 240 }} value={squadId} onChange={setSquadId} options={squads.map((s) => ({ value: s.squadId, label: s.name }))} />}
            <Button onClick={() => void refetch()}>刷新</Button>
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Card>
        <Table<OverdueCase>
          rowKey="caseId"
          loading={loading}
          dataSource={items}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 件` }}
          locale={{ emptyText: '没有超期案件' }}
          columns={[
            { title: '案件', dataIndex: 'caseId', render: (v: string) => <Link to={`/cases/${v}`}>{v}</Link> },
            { title: '状态', dataIndex: 'stateLabel', width: 140, render: (v: string) => <Tag>{v}</Tag> },
            { title: '中队', dataIndex: 'squadId', width: 240, render: (v: string | null) => squadLabel(squads, v) },
            {
              title: '超期期限',
              render: (_: unknown, i) => (
                <Space direction="vertical" size={2}>
                  {i.overdue.map((d) => (
                    <span key={d.id}>
                      {d.id} {d.name} <DeadlineTag deadline={{ ...d, completedAt: null }} />
                    </span>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
