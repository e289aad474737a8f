import { boundsOf, pathOf, projector } from './map-projection';

describe('map projection of the area polygons', () => {
  const square = [
    [120.3, 36.0],
    [120.4, 36.0],
    [120.4, 36.1],
    [120.3, 36.1],
    [120.3, 36.0],
  ] as const;

  it('fits the bounds inside the box with north up', () => {
    const b = boundsOf([square]);
    expect(b).toEqual({ minLng: 120.3, maxLng: 120.4, minLat: 36.0, maxLat: 36.1 });
    const p = projector(b, 200, 200, 0);
    const [nwx, nwy] = p([120.3, 36.1]);
    const [sex, sey] = p([120.4, 36.0]);
    expect(nwy).toBeCloseTo(0);
    expect(sey).toBeCloseTo(200);
    // a degree of longitude is shorter than one of latitude at 36°N
    expect(sex - nwx).toBeCloseTo(200 * Math.cos((36.05 * Math.PI) / 180), 0);
  });

  it('draws a closed path', () => {
    const d = pathOf([square], projector(boundsOf([square]), 100, 100));
    expect(d.startsWith('M')).toBe(true);
    expect(d.endsWith('Z')).toBe(true);
    expect(d.match(/L/g)).toHaveLength(4);
  });
});
