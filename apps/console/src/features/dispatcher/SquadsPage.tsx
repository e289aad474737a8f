import { Button, Card, Progress, Select, Space, Table } from 'antd';
import { useState } from 'react';
import type { Squad } from '../../api/types';
import { ErrorAlert, PageTitle } from '../../components/common';
import { squadLoad, useSquads } from './squads';

export function SquadsPage() {
  const { data, isFetching: loading, error, refetch } = useSquads();
  const [district, setDistrict] = useState<string>();
  const districts = [...new Set((data ?? []).map((s) => s.district))];
  return (
    <>
      <PageTitle
        title="中队负荷"
        extra={
          <Space>
            <Select allowClear placeholder="区市" style={{ width: 140 }} value={district} onChange={setDistrict} options={districts.map((d) => ({ value: d, label: d }))} />
            <Button onClick={() => void refetch()}>刷新</Button>
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Card>
        <Table<Squad>
          rowKey="squadId"
          loading={loading}
          dataSource={(data ?? []).filter((s) => !district || s.district === district)}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个中队` }}
          columns={[
            { title: '中队', dataIndex: 'name' },
            { title: '区市', dataIndex: 'district', width: 100 },
            { title: '在办', dataIndex: 'open', width: 80, sorter: (a, b) => a.open - b.open },
            { title: '超期', dataIndex: 'overdue', width: 80, sorter: (a, b) => a.overdue - b.overdue, render: (v: number) => (v ? <span style={{ color: '#f5222d' }}>{v}</span> : 0) },
            { title: '已结', dataIndex: 'closed', width: 80 },
            {
              title: '负荷（在办 ÷ 容量）',
              width: 240,
              sorter: (a, b) => squadLoad(a) - squadLoad(b),
              render: (_: unknown, s) => <Progress percent={Math.round(squadLoad(s) * 100)} status={squadLoad(s) >= 0.9 ? 'exception' : 'normal'} format={() => `${s.open}/${s.capacity}`} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
