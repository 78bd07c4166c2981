// British National Grid (EPSG:27700) eastings and northings → WGS84 longitude/latitude, through
// proj4 with the OSGB36 → WGS84 Helmert transformation (good to about 5 m: the OSTN15 grid, which
// is better, is 15 MB and would not change which LSOA a point falls in but for a few on borders).

import proj4 from 'proj4';

const EPSG_27700 =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

const converter = proj4(EPSG_27700, 'WGS84');

/** The grid's extent over Great Britain (metres), outside which a value is not a GB grid reference. */
const BNG_EXTENT = { easting: [0, 700_000], northing: [0, 1_300_000] } as const;

/** Why an easting or northing cannot be a GB grid reference, or null. */
export function bngProblem(easting: number, northing: number): string | null {
  if (!Number.isFinite(easting)) return `easting ${easting} is not a number`;
  if (!Number.isFinite(northing)) return `northing ${northing} is not a number`;
  if (easting < BNG_EXTENT.easting[0] || easting > BNG_EXTENT.easting[1]) return `easting ${easting} is outside Great Britain (0 to 700,000 m)`;
  if (northing < BNG_EXTENT.northing[0] || northing > BNG_EXTENT.northing[1]) return `northing ${northing} is outside Great Britain (0 to 1,300,000 m)`;
  return null;
}

export function bngToLonLat(easting: number, northing: number): [number, number] {
  const [lon, lat] = converter.forward([easting, northing]);
  return [lon!, lat!];
}
