/**
 * Qingdao's jurisdiction (7 districts, 3 county-level cities) lies within
 * about 35.35–37.09°N, 119.30–121.00°E; the box adds a margin for the sea
 * area and islands. A point outside it is a typing or device error.
 */
export const JURISDICTION_BOX = { minLat: 35.3, maxLat: 37.2, minLng: 119.2, maxLng: 121.2 } as const;

export function withinJurisdiction(lat: number, lng: number): boolean {
  const b = JURISDICTION_BOX;
  return lat >= b.minLat && lat <= b.maxLat && lng >= b.minLng && lng <= b.maxLng;
}

/** Client clocks drift; a report time up to this far ahead of ours is accepted. */
export const CLOCK_SKEW_MS = 2 * 60 * 1000;

export function notInFuture(time: Date, now = new Date()): boolean {
  return time.getTime() <= now.getTime() + CLOCK_SKEW_MS;
}

export const TEXT_MIN = 5;
export const TEXT_MAX = 2000;
