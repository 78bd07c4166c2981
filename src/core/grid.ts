// One metric plane for distances between places far apart (the gap list's nearest-scheme
// distances, which may span England): the British National Grid's Transverse Mercator (central
// meridian 2°W, scale 0.9996 there) on the WGS84 ellipsoid, through proj4. Across England the
// scale stays within 0.9996–1.0006, so straight-line grid distances are within 0.05% of the
// geodesic ones, at any length. (Coverage thresholds use per-LSOA frames instead: src/core/geodesy.ts.)

import proj4 from 'proj4';

const BRITISH_NATIONAL_GRID_ON_WGS84 = '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=WGS84 +units=m +no_defs';

const converter = proj4('WGS84', BRITISH_NATIONAL_GRID_ON_WGS84);

/**
 * Where grid distances stay within 0.5% of geodesic ones (the scale grows with the distance from
 * 2°W): Great Britain, Ireland's east and the near Continent. Places outside are left out.
 */
const GRID_BOUNDS = { west: -10, south: 48, east: 6, north: 62 } as const;

export function inGridBounds(lon: number, lat: number): boolean {
  return lon >= GRID_BOUNDS.west && lon <= GRID_BOUNDS.east && lat >= GRID_BOUNDS.south && lat <= GRID_BOUNDS.north;
}

/** Writes the grid easting and northing (metres) of a point to out[at], out[at + 1]. */
export function toGrid(lon: number, lat: number, out: Float64Array, at: number): void {
  const [x, y] = converter.forward([lon, lat]);
  out[at] = x!;
  out[at + 1] = y!;
}
