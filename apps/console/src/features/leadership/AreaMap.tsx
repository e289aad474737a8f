import { Tooltip } from 'antd';
import { useMemo } from 'react';
import areas from '@reference-data/areas.geo.json';
import type { MetricRow } from '../../api/types';
import { boundsOf, pathOf, projector, type Position } from '../../lib/map-projection';
import { formatRate, rateColour } from '../../lib/rate-colour';

interface Feature {
  properties: { id: string; kind: 'hotspot_area' | 'community'; name: string; district: string; center: Position };
  geometry: { type: 'Polygon'; coordinates: Position[][] };
}

const FEATURES = (areas as unknown as { features: Feature[] }).features;
const WIDTH = 900;
const HEIGHT = 620;

/**
 * The 30 hotspot areas and 100 communities as drawn shapes, coloured by their
 * complaint-to-case rate; district names sit at the middle of their areas.
 */
export function AreaMap({ areaRates, communityRates, showCommunities, selected, onSelect, district }: {
  areaRates: Map<string, MetricRow>;
  communityRates: Map<string, MetricRow>;
  showCommunities: boolean;
  selected?: string | null;
  onSelect: (id: string) => void;
  /** Zoom to one district's areas (the city's areas are small beside its extent). */
  district?: string | null;
}) {
  const { project, districts } = useMemo(() => {
    const inView = FEATURES.filter((f) => !district || f.properties.district === district);
    const b = boundsOf(inView.flatMap((f) => f.geometry.coordinates));
    const project = projector(b, WIDTH, HEIGHT);
    const byDistrict = new Map<string, Position[]>();
    for (const f of FEATURES) byDistrict.set(f.properties.district, [...(byDistrict.get(f.properties.district) ?? []), f.properties.center]);
    const districts = [...byDistrict].map(([name, centers]) => ({ name, at: project([centers.reduce((s, c) => s + c[0], 0) / centers.length, centers.reduce((s, c) => s + c[1], 0) / centers.length]) }));
    return { project, districts };
  }, [district]);
  const shown = FEATURES.filter((f) => f.properties.kind === 'hotspot_area' || showCommunities);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} style={{ width: '100%', height: 'auto', background: '#f0f5fa', borderRadius: 4 }} role="img" aria-label="热点区域与重点小区诉转案率地图" data-testid="area-map">
      {shown.map((f) => {
        const p = f.properties;
        const row = (p.kind === 'hotspot_area' ? areaRates : communityRates).get(p.id);
        const rate = row ? row.rate : null;
        return (
          <Tooltip key={p.id} title={`${p.name}（${p.district}）：诉转案率 ${formatRate(rate)}${row ? `，${row.converted}/${row.complaints}` : ''}`}>
            <path
              d={pathOf(f.geometry.coordinates, project)}
              fill={rateColour(rate)}
              fillOpacity={p.kind === 'hotspot_area' ? 0.75 : 0.9}
              stroke={selected === p.id ? '#000' : p.kind === 'hotspot_area' ? '#5a5a5a' : '#1f5fa8'}
              strokeWidth={selected === p.id ? 2.5 : p.kind === 'hotspot_area' ? 1 : 0.6}
              data-area-id={p.id}
              data-kind={p.kind}
              data-rate={rate ?? ''}
              style={{ cursor: 'pointer' }}
              onClick={() => onSelect(p.id)}
            />
          </Tooltip>
        );
      })}
      {/* a marker per hotspot area, so even the smallest shows its colour at city scale */}
      {FEATURES.filter((f) => f.properties.kind === 'hotspot_area').map((f) => {
        const [x, y] = project(f.properties.center);
        const rate = areaRates.get(f.properties.id)?.rate ?? null;
        return (
          <g key={`m-${f.properties.id}`} style={{ cursor: 'pointer' }} onClick={() => onSelect(f.properties.id)}>
            <circle cx={x} cy={y} r={district ? 5 : 8} fill={rateColour(rate)} stroke={selected === f.properties.id ? '#000' : '#fff'} strokeWidth={1.5} />
            <text x={x} y={y - (district ? 8 : 11)} fontSize={district ? 11 : 9} textAnchor="middle" fill="#222" pointerEvents="none">
              {district ? f.properties.name : f.properties.id}
            </text>
          </g>
        );
      })}
      {districts.filter((d) => !district || d.name === district).map((d) => (
        <text key={d.name} x={d.at[0]} y={d.at[1] - 14} fontSize={15} fontWeight={600} textAnchor="middle" fill="#0b2f5b" opacity={0.55} pointerEvents="none">
          {d.name}
        </text>
      ))}
    </svg>
  );
}
