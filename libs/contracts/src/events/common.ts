import { IsLatitude, IsLongitude } from 'class-validator';

export class GeoPoint {
  @IsLatitude()
  lat: number;

  @IsLongitude()
  lng: number;
}

/** Area ids as in the reference data: HS01–HS30 and CM001–CM100. */
export const HOTSPOT_AREA_ID = /^HS\d{2}$/;
export const COMMUNITY_ID = /^CM\d{3}$/;
