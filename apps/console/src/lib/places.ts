import areas from '@reference-data/areas.geo.json';

/** The 30 hotspot areas and 100 communities (id → name, district), for labels and filters. */
interface AreaProps {
  id: string;
  kind: 'hotspot_area' | 'community';
  name: string;
  district: string;
  hotspotAreaId?: string | null;
}

export const PLACES: AreaProps[] = (areas as unknown as { features: { properties: AreaProps }[] }).features.map((f) => f.properties);
export const HOTSPOT_AREAS = PLACES.filter((p) => p.kind === 'hotspot_area');
export const COMMUNITIES = PLACES.filter((p) => p.kind === 'community');
export const DISTRICTS = [...new Set(PLACES.map((p) => p.district))];

export function placeName(id: string | null | undefined): string {
  if (!id) return '—';
  return PLACES.find((p) => p.id === id)?.name ?? id;
}
