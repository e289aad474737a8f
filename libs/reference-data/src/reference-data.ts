// Bundled by webpack through resolveJsonModule, so the services need no data
// files next to them at run time.
import areas from './data/areas.geo.json';

/** A GeoJSON position: longitude first, then latitude (WGS84). */
export type LngLat = readonly [lng: number, lat: number];

/** A closed ring of positions; the first and last positions are equal. */
export type LinearRing = readonly LngLat[];

/** GeoJSON Polygon coordinates: the outer ring, then any holes. */
export type PolygonCoordinates = readonly LinearRing[];

export interface HotspotArea {
  readonly id: string;
  readonly name: string;
  /** Names people use for the place in complaints. */
  readonly aliases: readonly string[];
  readonly district: string;
  readonly subdistrict: string;
  readonly center: LngLat;
  readonly polygon: PolygonCoordinates;
}

export interface PropertyCompany {
  readonly id: string;
  readonly name: string;
}

export interface Community {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly district: string;
  readonly subdistrict: string;
  readonly center: LngLat;
  readonly households: number;
  readonly builtYear: number;
  readonly propertyCompany: PropertyCompany;
  /** The hotspot area the community lies inside, or null. */
  readonly hotspotAreaId: string | null;
  readonly polygon: PolygonCoordinates;
}

export interface ReferenceData {
  /** Version of the area file, e.g. `2024.1`. */
  readonly version: string;
  readonly hotspotAreas: readonly HotspotArea[];
  readonly communities: readonly Community[];
  /** District names in the order they first appear in the data. */
  readonly districts: readonly string[];
  /** Property companies managing at least one community, sorted by id. */
  readonly propertyCompanies: readonly PropertyCompany[];
}

interface RawFeature {
  id?: unknown;
  properties?: Record<string, unknown>;
  geometry?: { type?: unknown; coordinates?: unknown };
}

interface RawCollection {
  version?: unknown;
  features?: unknown;
}

let memo: { data: ReferenceData; hotspots: Map<string, HotspotArea>; communities: Map<string, Community> } | undefined;

/** The hotspot areas and communities, parsed and checked once per process. */
export function referenceData(): ReferenceData {
  return load().data;
}

export function hotspotArea(id: string): HotspotArea | undefined {
  return load().hotspots.get(id);
}

export function community(id: string): Community | undefined {
  return load().communities.get(id);
}

function load(): NonNullable<typeof memo> {
  if (!memo) {
    const data = parse(areas as unknown as RawCollection);
    memo = {
      data,
      hotspots: new Map(data.hotspotAreas.map((h) => [h.id, h])),
      communities: new Map(data.communities.map((c) => [c.id, c])),
    };
  }
  return memo;
}

function parse(raw: RawCollection): ReferenceData {
  if (typeof raw.version !== 'string' || !Array.isArray(raw.features)) {
    throw new Error('areas.geo.json: expected a FeatureCollection with a version');
  }
  const hotspotAreas: HotspotArea[] = [];
  const communities: Community[] = [];
  for (const feature of raw.features as RawFeature[]) {
    const p = feature.properties ?? {};
    const where = `areas.geo.json feature ${String(p['id'] ?? feature.id)}`;
    const base = {
      id: str(p['id'], where, 'id'),
      name: str(p['name'], where, 'name'),
      aliases: Object.freeze(strings(p['aliases'], where, 'aliases')),
      district: str(p['district'], where, 'district'),
      subdistrict: str(p['subdistrict'], where, 'subdistrict'),
      center: position(p['center'], where),
      polygon: polygon(feature.geometry, where),
    };
    if (p['kind'] === 'hotspot_area') {
      hotspotAreas.push(Object.freeze(base));
    } else if (p['kind'] === 'community') {
      const company = (p['propertyCompany'] ?? {}) as Record<string, unknown>;
      const hotspotAreaId = p['hotspotAreaId'];
      if (hotspotAreaId !== null && typeof hotspotAreaId !== 'string') throw new Error(`${where}: bad hotspotAreaId`);
      communities.push(
        Object.freeze({
          ...base,
          households: num(p['households'], where, 'households'),
          builtYear: num(p['builtYear'], where, 'builtYear'),
          propertyCompany: Object.freeze({ id: str(company['id'], where, 'propertyCompany.id'), name: str(company['name'], where, 'propertyCompany.name') }),
          hotspotAreaId,
        }),
      );
    } else {
      throw new Error(`${where}: unknown kind ${String(p['kind'])}`);
    }
  }

  const districts = [...new Set([...hotspotAreas, ...communities].map((f) => f.district))];
  const companies = new Map(communities.map((c) => [c.propertyCompany.id, c.propertyCompany]));
  const propertyCompanies = [...companies.values()].sort((a, b) => a.id.localeCompare(b.id));

  return Object.freeze({
    version: raw.version,
    hotspotAreas: Object.freeze(hotspotAreas),
    communities: Object.freeze(communities),
    districts: Object.freeze(districts),
    propertyCompanies: Object.freeze(propertyCompanies),
  });
}

function str(value: unknown, where: string, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new Error(`${where}: ${field} must be a non-empty string`);
  return value;
}

function num(value: unknown, where: string, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}: ${field} must be a number`);
  return value;
}

function strings(value: unknown, where: string, field: string): string[] {
  if (!Array.isArray(value)) throw new Error(`${where}: ${field} must be an array`);
  return value.map((v) => str(v, where, field));
}

function position(value: unknown, where: string): LngLat {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number')) {
    throw new Error(`${where}: expected a [lng, lat] position`);
  }
  return Object.freeze([value[0], value[1]] as const);
}

function polygon(geometry: RawFeature['geometry'], where: string): PolygonCoordinates {
  if (geometry?.type !== 'Polygon' || !Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
    throw new Error(`${where}: expected a Polygon geometry`);
  }
  return Object.freeze(
    (geometry.coordinates as unknown[]).map((ring) => {
      if (!Array.isArray(ring) || ring.length < 4) throw new Error(`${where}: a polygon ring needs at least four positions`);
      return Object.freeze(ring.map((pos) => position(pos, where)));
    }),
  );
}
