import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import { referenceData, type Community, type HotspotArea, type PolygonCoordinates, type ReferenceData } from '@pipeline/reference-data';
import type { ClassificationInput, PlaceMatch } from './complaint-classifier';
import { PlaceNameMatcher, type NamedPlace, type NameHit } from './place-names';

const NOWHERE: PlaceMatch = { hotspotAreaId: null, communityId: null, district: null, method: 'none' };

/**
 * Puts a complaint in a hotspot area and/or a residential community.
 * Coordinates win when present: the point is looked up in the polygons and a
 * point outside all of them is nowhere, even if the text names a place.
 * Without coordinates the most specific place name or alias in the address
 * and text decides. Unknown stays null; nothing is guessed.
 */
export class PlaceLocator {
  private readonly hotspotPolygons: PolygonIndex<HotspotArea>;
  private readonly communityPolygons: PolygonIndex<Community>;
  private readonly hotspotNames: PlaceNameMatcher<HotspotArea>;
  private readonly communityNames: PlaceNameMatcher<Community>;
  private readonly hotspotsById: ReadonlyMap<string, HotspotArea>;

  constructor(data: ReferenceData = referenceData()) {
    this.hotspotPolygons = new PolygonIndex(data.hotspotAreas);
    this.communityPolygons = new PolygonIndex(data.communities);
    const namesOf = (places: readonly { name: string; aliases: readonly string[] }[]) => places.flatMap((p) => [p.name, ...p.aliases]);
    // Each layer's tolerant matching keeps clear of the other layer's names.
    this.hotspotNames = new PlaceNameMatcher(data.hotspotAreas, { reserved: namesOf(data.communities) });
    this.communityNames = new PlaceNameMatcher(data.communities, { reserved: namesOf(data.hotspotAreas) });
    this.hotspotsById = new Map(data.hotspotAreas.map((h) => [h.id, h]));
  }

  locate(input: ClassificationInput): PlaceMatch {
    if (input.location) return this.byCoordinates(input.location.lng, input.location.lat);
    return this.byText([input.address, input.text].filter((s): s is string => !!s).join('\n'));
  }

  byCoordinates(lng: number, lat: number): PlaceMatch {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return NOWHERE;
    const community = this.communityPolygons.containing(lng, lat);
    // Communities are drawn inside their hotspot area, so the community's own
    // link only matters for a point on the very edge of both polygons.
    const hotspot = this.hotspotPolygons.containing(lng, lat) ?? this.linkedHotspot(community);
    if (!community && !hotspot) return NOWHERE;
    return {
      hotspotAreaId: hotspot?.id ?? null,
      communityId: community?.id ?? null,
      district: community?.district ?? hotspot?.district ?? null,
      method: 'coordinates',
    };
  }

  byText(text: string): PlaceMatch {
    // A community is more specific than an area, and the reference data
    // guarantees an area's name occurs in a community's only when the
    // community lies in that area, so a community hit always wins.
    let community = this.communityNames.bestMatch(text);
    const hotspot = this.hotspotNames.bestMatch(text);
    // A community found only through a variant (no suffix, a typo) yields to
    // an area named exactly that it does not lie in: two readings disagree,
    // and the exact one is the safer.
    if (community && community.kind !== 'exact' && hotspot?.kind === 'exact' && community.place.hotspotAreaId !== hotspot.place.id) {
      community = null;
    }
    if (community) {
      const hotspot = this.linkedHotspot(community.place);
      return {
        hotspotAreaId: hotspot?.id ?? null,
        communityId: community.place.id,
        district: community.place.district,
        method: 'text',
        matchedName: community.matchedName,
        ...variantOf(community),
      };
    }
    if (hotspot) {
      return {
        hotspotAreaId: hotspot.place.id,
        communityId: null,
        district: hotspot.place.district,
        method: 'text',
        matchedName: hotspot.matchedName,
        ...variantOf(hotspot),
      };
    }
    return NOWHERE;
  }

  private linkedHotspot(community: Community | null): HotspotArea | null {
    return (community?.hotspotAreaId && this.hotspotsById.get(community.hotspotAreaId)) || null;
  }
}

/** How a name found through a variant was written, for the explanation; nothing for an exact name. */
function variantOf(hit: NameHit<NamedPlace>): Pick<PlaceMatch, 'matchKind' | 'written'> {
  if (hit.kind === 'exact') return {};
  return hit.written === undefined ? { matchKind: hit.kind } : { matchKind: hit.kind, written: hit.written };
}

/** Bounding boxes in a packed R-tree, then an exact point-in-polygon test. */
class PolygonIndex<T extends { polygon: PolygonCoordinates }> {
  // Flatbush cannot be built empty; an empty layer simply has no tree.
  private readonly tree: Flatbush | null;
  private readonly polygons: { type: 'Polygon'; coordinates: number[][][] }[];
  private readonly areas: number[];

  constructor(private readonly features: readonly T[]) {
    this.polygons = features.map((f) => ({ type: 'Polygon', coordinates: f.polygon as unknown as number[][][] }));
    this.areas = features.map((f) => ringArea(f.polygon[0]));
    if (features.length === 0) {
      this.tree = null;
      return;
    }
    this.tree = new Flatbush(features.length);
    for (const f of features) {
      const lngs = f.polygon[0].map((p) => p[0]);
      const lats = f.polygon[0].map((p) => p[1]);
      this.tree.add(Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats));
    }
    this.tree.finish();
  }

  /** The feature containing the point; if polygons overlap, the smallest. */
  containing(lng: number, lat: number): T | null {
    let best: number | null = null;
    for (const i of this.tree?.search(lng, lat, lng, lat) ?? []) {
      if (!booleanPointInPolygon([lng, lat], this.polygons[i])) continue;
      if (best === null || this.areas[i] < this.areas[best]) best = i;
    }
    return best === null ? null : this.features[best];
  }
}

/** Planar shoelace area in square degrees: only used to compare polygons. */
function ringArea(ring: PolygonCoordinates[number]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    twice += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return Math.abs(twice) / 2;
}
