/** A point on the Earth, WGS 84. */
export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

/** Mean radius of the Earth (IUGG), in km. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine formula). */
export function haversineKm(a: LatLon, b: LatLon): number {
  return haversineKmBetween(a.lat, a.lon, b.lat, b.lon);
}

/** The same, from plain numbers (a ranking loop reading coordinates from typed arrays allocates nothing). */
export function haversineKmBetween(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLon = (bLon - aLon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
