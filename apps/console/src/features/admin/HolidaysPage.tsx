import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { get } from '../../api/client';
import { ErrorAlert, PageTitle } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import type { CalendarView } from '../../api/types';

// Indexed by getUTCDay() of a bare `YYYY-MM-DD`, which JavaScript reads as UTC midnight of that date.
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

export function HolidaysPage() {
  const { data, isFetching: loading, error } = useQuery({ queryKey: queryKeys.calendar, queryFn: () => get<CalendarView>('/api/v1/calendar') });
  const [year, setYear] = useState<number>();
  const chosen = data?.years.find((y) => y.year === year) ?? data?.years[data.years.length - 1];
  return (
    <>
      <PageTitle
        title="节假日日历（计算期限用）"
        extra={
          <Space>
            年度
            <Select style={{ width: 120 }} value={chosen?.year} onChange={setYear} options={(data?.years ?? []).map((y) => ({ value: y.year, label: `${y.year} 年` }))} />
          </Space>
        }
      />
      <ErrorAlert error={error} />
      {data && <Alert type={data.currentYearLoaded ? 'info' : 'warning'} showIcon title={data.note} style={{ marginBottom: 16 }} data-testid="calendar-note" />}
      <Card loading={loading && !data} title={chosen ? `${chosen.year} 年（版本 ${chosen.version}）` : undefined}>
        {chosen && (
          <>
            <Typography.Paragraph type="secondary">
              依据：{chosen.source}；放假 {chosen.holidays} 天，调休上班 {chosen.workdays} 天。其余周一至周五为工作日。
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" data-testid="calendar-origin">
              来源：{chosen.originLabel}
            </Typography.Paragraph>
            <Table
              rowKey="date"
              size="small"
              dataSource={chosen.entries}
              pagination={{ pageSize: 15 }}
              columns={[
                { title: '日期', dataIndex: 'date', width: 140 },
                { title: '星期', width: 80, render: (_: unknown, e) => `周${WEEKDAYS[new Date(e.date).getUTCDay()]}` },
                { title: '安排', dataIndex: 'kind', width: 120, render: (v: string) => (v === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>) },
                { title: '节日', dataIndex: 'name' },
              ]}
            />
          </>
        )}
      </Card>
    </>
  );
}
