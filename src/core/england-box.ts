// The box England lies in (the Isles of Scilly to Lowestoft, the Lizard to Berwick-upon-Tweed),
// with a few kilometres to spare. A place outside it cannot be in England, so a point there is a
// mistake in the file (latitude and longitude swapped, a 0,0 left for "unknown", a place abroad),
// not a scheme: the importers say so instead of placing it. A place inside the box may still be in
// Wales or Scotland; the coverage run then finds no LSOA it reaches.

import type { LonLat } from './scheme';

const ENGLAND_BOX = { west: -6.5, south: 49.8, east: 1.8, north: 55.85 } as const;

function inEnglandBox([lon, lat]: LonLat): boolean {
  return lon >= ENGLAND_BOX.west && lon <= ENGLAND_BOX.east && lat >= ENGLAND_BOX.south && lat <= ENGLAND_BOX.north;
}

/** Why a longitude/latitude cannot be a place in England, or null when it may be. */
export function outsideEnglandReason(point: LonLat): string | null {
  if (inEnglandBox(point)) return null;
  const [lon, lat] = point;
  if (inEnglandBox([lat, lon])) return `latitude ${lat} and longitude ${lon} look swapped (England is at latitude 50–56, longitude −6.5–1.8)`;
  return `latitude ${lat}, longitude ${lon} is outside England`;
}

/** Whether a box (west, south, east, north in degrees) overlaps England's. */
export function boxMeetsEngland(west: number, south: number, east: number, north: number): boolean {
  return west <= ENGLAND_BOX.east && east >= ENGLAND_BOX.west && south <= ENGLAND_BOX.north && north >= ENGLAND_BOX.south;
}
