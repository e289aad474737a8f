import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Descriptions, Row, Select, Space, Statistic, Switch, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { get } from '../../api/client';
import type { MetricAnswer, MetricRow } from '../../api/types';
import { ErrorAlert, PageTitle } from '../../components/common';
import { queryKeys } from '../../api/query-client';
import { DISTRICTS, PLACES } from '../../lib/places';
import { BAND_COLOURS, BAND_LABELS, formatRate, rateBand, rateColour, TARGET_RATE, type RateBand } from '../../lib/rate-colour';
import { formatTime } from '../../lib/time';
import { AreaMap } from './AreaMap';
import { usePeriod } from './usePeriod';

const METRIC = '/api/v1/metrics/complaint-to-case';

export function MapPage() {
  const { range, setRange, query } = usePeriod(2);
  const [showCommunities, setShowCommunities] = useState(true);
  const [selected, setSelected] = useState<string | null>(null);
  const [district, setDistrict] = useState<string | null>(null);
  const { data, isFetching: loading, error } = useQuery({
    queryKey: [...queryKeys.metrics, 'map', query.from, query.to],
    queryFn: () => Promise.all([get<MetricAnswer>(METRIC, { ...query, groupBy: 'hotspotArea' }), get<MetricAnswer>(METRIC, { ...query, groupBy: 'community', scope: 'all' })]),
  });
  const [areas, communities] = data ?? [];
  const areaRates = useMemo(() => new Map((areas?.rows ?? []).map((r) => [r.hotspotAreaId as string, r])), [areas]);
  const communityRates = useMemo(() => new Map((communities?.rows ?? []).map((r) => [r.communityId as string, r])), [communities]);
  const totals = useMemo(() => {
    const rows = areas?.rows ?? [];
    const complaints = rows.reduce((s, r) => s + r.complaints, 0);
    const converted = rows.reduce((s, r) => s + r.converted, 0);
    return { complaints, converted, rate: complaints ? converted / complaints : null, met: rows.filter((r) => r.met).length };
  }, [areas]);
  const place = selected ? PLACES.find((p) => p.id === selected) : null;
  const row = selected ? (areaRates.get(selected) ?? communityRates.get(selected)) : null;
  const target = areas?.target ?? TARGET_RATE;
  return (
    <>
      <PageTitle
        title="诉转案地图：30 个热点区域与 100 个重点小区"
        extra={
          <Space wrap>
            <Select allowClear placeholder="全市（可选区市放大）" style={{ width: 190 }} value={district} onChange={(d) => setDistrict(d ?? null)} options={DISTRICTS.map((d) => ({ value: d, label: d }))} data-testid="map-district" />
            <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]] as [Dayjs, Dayjs])} />
            <Space>
              <Switch checked={showCommunities} onChange={setShowCommunities} />
              显示小区
            </Space>
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card loading={loading && !data} styles={{ body: { padding: 8 } }}>
            <AreaMap areaRates={areaRates} communityRates={communityRates} showCommunities={showCommunities} selected={selected} onSelect={setSelected} district={district} />
            <Space wrap style={{ marginTop: 8 }} data-testid="map-legend">
              {(['met', 'below', 'far', 'none'] as RateBand[]).map((b) => (
                <Space key={b} size={4}>
                  <span style={{ display: 'inline-block', width: 14, height: 14, background: BAND_COLOURS[b], borderRadius: 2 }} />
                  {BAND_LABELS[b]}
                </Space>
              ))}
              <Typography.Text type="secondary">细框为重点小区；目标：诉转案率 ≥ {formatRate(target)}</Typography.Text>
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card style={{ marginBottom: 16 }}>
            <Row gutter={8}>
              <Col span={8}>
                <Statistic title="热点区域诉转案率" value={formatRate(totals.rate)} valueStyle={{ color: rateColour(totals.rate, target) }} />
              </Col>
              <Col span={8}>
                <Statistic title="转案 / 投诉事件" value={`${totals.converted} / ${totals.complaints}`} />
              </Col>
              <Col span={8}>
                <Statistic title="达标区域" value={`${totals.met} / ${areas?.rows.length ?? 30}`} />
              </Col>
            </Row>
            {areas && <Typography.Text type="secondary" style={{ fontSize: 12 }}>统计期 {areas.period.from} 至 {areas.period.to}，截至 {formatTime(areas.period.cutoff)}</Typography.Text>}
          </Card>
          {place && (
            <Card title={place.name} size="small" style={{ marginBottom: 16 }} data-testid="map-selection">
              <Descriptions column={1} size="small">
                <Descriptions.Item label="类型">{place.kind === 'hotspot_area' ? '热点区域' : '重点小区'}</Descriptions.Item>
                <Descriptions.Item label="区市">{place.district}</Descriptions.Item>
                <Descriptions.Item label="投诉事件">{row?.complaints ?? 0}</Descriptions.Item>
                <Descriptions.Item label="转案">{row?.converted ?? 0}</Descriptions.Item>
                <Descriptions.Item label="诉转案率">
                  <span style={{ color: rateColour(row?.rate, target), fontWeight: 600 }}>{formatRate(row?.rate)}</span>（{BAND_LABELS[rateBand(row?.rate, target)]}）
                </Descriptions.Item>
              </Descriptions>
            </Card>
          )}
          <Card title="区域排名（诉转案率由低到高）" size="small">
            <Table<MetricRow>
              rowKey="hotspotAreaId"
              size="small"
              dataSource={[...(areas?.rows ?? [])].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2))}
              pagination={{ pageSize: 8, size: 'small' }}
              onRow={(r) => ({ onClick: () => setSelected(r.hotspotAreaId as string), style: { cursor: 'pointer' } })}
              columns={[
                { title: '区域', dataIndex: 'name' },
                { title: '事件', dataIndex: 'complaints', width: 56 },
                { title: '转案率', dataIndex: 'rate', width: 76, render: (v: number | null) => <span style={{ color: rateColour(v, target) }}>{formatRate(v)}</span> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
