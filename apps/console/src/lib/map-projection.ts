/** [lng, lat] positions of the areas file. */
export type Position = readonly [number, number];

export interface Bounds {
  minLng: number;
  maxLng: number;
  minLat: number;
  maxLat: number;
}

export function boundsOf(rings: readonly (readonly Position[])[]): Bounds {
  const b = { minLng: Infinity, maxLng: -Infinity, minLat: Infinity, maxLat: -Infinity };
  for (const ring of rings)
    for (const [lng, lat] of ring) {
      b.minLng = Math.min(b.minLng, lng);
      b.maxLng = Math.max(b.maxLng, lng);
      b.minLat = Math.min(b.minLat, lat);
      b.maxLat = Math.max(b.maxLat, lat);
    }
  return b;
}

/**
 * A plain equirectangular projection into an SVG box, with longitude shrunk by
 * cos(latitude) so shapes are not stretched at Qingdao's 36°N; north is up.
 * No tiles: the bureau's polygons are the whole map.
 */
export function projector(b: Bounds, width: number, height: number, pad = 16): (p: Position) => [number, number] {
  const k = Math.cos((((b.minLat + b.maxLat) / 2) * Math.PI) / 180);
  const spanX = (b.maxLng - b.minLng) * k || 1e-9;
  const spanY = b.maxLat - b.minLat || 1e-9;
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  return ([lng, lat]) => [offX + (lng - b.minLng) * k * scale, offY + (b.maxLat - lat) * scale];
}

/** An SVG path for a polygon's rings. */
export function pathOf(rings: readonly (readonly Position[])[], project: (p: Position) => [number, number]): string {
  return rings.map((ring) => ring.map((p, i) => `${i ? 'L' : 'M'}${project(p).map((v) => v.toFixed(1)).join(',')}`).join('') + 'Z').join('');
}
