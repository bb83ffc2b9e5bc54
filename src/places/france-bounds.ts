/**
 * Bounding boxes of France (metropolitan and overseas), to check a place's coordinates: inside one of them as given,
 * swapped (latitude and longitude inverted, a quirk of real files), or outside France. Boxes from the national
 * cartography's `emprises` (anct-cartographie-nationale/lieux-de-mediation-numerique), rounded outwards.
 */
export const FRANCE_BOUNDS: ReadonlyArray<{ name: string; latMin: number; latMax: number; lonMin: number; lonMax: number }> = [
  { name: 'métropole', latMin: 41.2, latMax: 51.2, lonMin: -5.3, lonMax: 9.7 },
  { name: 'Guadeloupe', latMin: 15.8, latMax: 16.6, lonMin: -61.9, lonMax: -60.9 },
  { name: 'Martinique', latMin: 14.3, latMax: 14.9, lonMin: -61.3, lonMax: -60.8 },
  { name: 'Guyane', latMin: 2.1, latMax: 5.8, lonMin: -54.7, lonMax: -51.6 },
  { name: 'La Réunion', latMin: -21.4, latMax: -20.8, lonMin: 55.2, lonMax: 55.9 },
  { name: 'Mayotte', latMin: -13.1, latMax: -12.6, lonMin: 45.0, lonMax: 45.3 },
  { name: 'Saint-Pierre-et-Miquelon', latMin: 46.7, latMax: 47.2, lonMin: -56.5, lonMax: -56.1 },
  { name: 'Saint-Barthélemy / Saint-Martin', latMin: 17.8, latMax: 18.2, lonMin: -63.2, lonMax: -62.7 },
  { name: 'Nouvelle-Calédonie', latMin: -22.8, latMax: -19.5, lonMin: 163.5, lonMax: 168.2 },
  { name: 'Polynésie française', latMin: -27.7, latMax: -7.8, lonMin: -154.8, lonMax: -134.4 },
  { name: 'Wallis-et-Futuna', latMin: -14.4, latMax: -13.1, lonMin: -178.3, lonMax: -176.1 },
];

const inside = (lat: number, lon: number) =>
  FRANCE_BOUNDS.some((b) => lat >= b.latMin && lat <= b.latMax && lon >= b.lonMin && lon <= b.lonMax);

/** 'ok' inside France as given, 'swapped' inside France once inverted, 'outside' otherwise. */
export function checkCoordinates(lat: number, lon: number): 'ok' | 'swapped' | 'outside' {
  if (inside(lat, lon)) return 'ok';
  return inside(lon, lat) ? 'swapped' : 'outside';
}
