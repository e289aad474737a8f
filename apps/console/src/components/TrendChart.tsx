import { formatRate } from '../lib/rate-colour';

export interface TrendPoint {
  label: string;
  complaints: number;
  rate: number | null;
}

/**
 * Complaints per week as bars and the rate as a line against the target
 * (dashed). Plain SVG: one chart does not justify a charting library.
 */
export function TrendChart({ points, target }: { points: TrendPoint[]; target: number }) {
  const W = 900;
  const H = 260;
  const pad = { l: 44, r: 86, t: 16, b: 36 };
  const n = Math.max(points.length, 1);
  const step = (W - pad.l - pad.r) / n;
  const maxC = Math.max(1, ...points.map((p) => p.complaints));
  const maxR = Math.max(target * 2, ...points.map((p) => p.rate ?? 0));
  const y = (v: number, max: number) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const line = points
    .map((p, i) => (p.rate === null ? null : `${pad.l + step * (i + 0.5)},${y(p.rate, maxR)}`))
    .filter(Boolean)
    .join(' ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} style={{ width: '100%', height: 'auto' }} role="img" aria-label="诉转案率趋势" data-testid="trend-chart">
      <line x1={pad.l} x2={W - pad.r} y1={H - pad.b} y2={H - pad.b} stroke="#bbb" />
      {points.map((p, i) => (
        <g key={p.label}>
          <rect x={pad.l + step * i + step * 0.2} width={step * 0.6} y={y(p.complaints, maxC)} height={H - pad.b - y(p.complaints, maxC)} fill="#bcd4ee">
            <title>{`${p.label}：投诉事件 ${p.complaints}，诉转案率 ${formatRate(p.rate)}`}</title>
          </rect>
          {(n <= 16 || i % Math.ceil(n / 16) === 0) && (
            <text x={pad.l + step * (i + 0.5)} y={H - pad.b + 16} fontSize={11} textAnchor="middle" fill="#555">
              {p.label}
            </text>
          )}
        </g>
      ))}
      <line x1={pad.l} x2={W - pad.r} y1={y(target, maxR)} y2={y(target, maxR)} stroke="#52c41a" strokeDasharray="6 4" />
      <text x={W - pad.r + 4} y={y(target, maxR) + 4} fontSize={11} fill="#389e0d">
        目标 {formatRate(target)}
      </text>
      {line && <polyline points={line} fill="none" stroke="#1f5fa8" strokeWidth={2} />}
      {points.map((p, i) => (p.rate === null ? null : <circle key={`c-${p.label}`} cx={pad.l + step * (i + 0.5)} cy={y(p.rate, maxR)} r={3} fill="#1f5fa8" />))}
      <text x={pad.l - 6} y={pad.t + 4} fontSize={11} textAnchor="end" fill="#555">
        {maxC}
      </text>
      <text x={pad.l - 6} y={H - pad.b} fontSize={11} textAnchor="end" fill="#555">
        0
      </text>
      <text x={W - pad.r + 4} y={pad.t + 4} fontSize={11} fill="#1f5fa8">
        {formatRate(maxR)}
      </text>
      <text x={W - pad.r + 4} y={H - pad.b} fontSize={11} fill="#1f5fa8">
        0%
      </text>
      <text x={8} y={H / 2} fontSize={11} fill="#555" transform={`rotate(-90 8 ${H / 2})`}>
        投诉事件（柱）
      </text>
    </svg>
  );
}
