// The real build in public/data/ (npm run data) for the coverage tests, read with fs and
// decodeGeometry, plus small helpers: LSOAs of a district, a sub-geometry of chosen LSOAs, and an
// LSOA as a Turf feature.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { decodeGeometry, encodeGeometry, lsoaToGeoJson, representativePoint, type LsoaGeometry } from '../../src/data/geometry-format';
import type { AttributesFile, DetailsFile } from '../../src/data/schema';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.join(projectRoot, 'public', 'data');
export const TRAFFORD = 'E08000009';
export const MANCHESTER = 'E08000003';
export const routesPath = path.resolve(projectRoot, '..', 'shared', 'data', 'transport', 'trafford_bus_routes_tfgm_2023.geojson');

export interface RealData {
  geometry: LsoaGeometry;
  attributes: AttributesFile;
  details: DetailsFile;
  /** LSOA code → index. */
  indexOf: Map<string, number>;
}

let cached: RealData | undefined;

/** The built data, read once; throws a message saying how to build it when it is missing. */
export function realData(): RealData {
  if (cached) return cached;
  const missing = (what: string) => new Error(`The coverage tests need the built data in ${dataDir}, but ${what}. Run \`npm run data\` first.`);
  const manifestPath = path.join(dataDir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) throw missing('manifest.json is missing');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { files: Record<string, string | undefined> };
  const read = (key: string): Buffer => {
    const name = manifest.files[key];
    if (typeof name !== 'string' || !fs.existsSync(path.join(dataDir, name))) throw missing(`the ${key} file named in manifest.json is missing`);
    return fs.readFileSync(path.join(dataDir, name));
  };
  const decoded = decodeGeometry(read('geometry'));
  if (!decoded.ok) throw missing(`the geometry file is unreadable (${decoded.message})`);
  const attributes = JSON.parse(read('attributes').toString('utf8')) as AttributesFile;
  const details = JSON.parse(read('details').toString('utf8')) as DetailsFile;
  if (attributes.codes.length !== decoded.geometry.count || details.names.length !== decoded.geometry.count) {
    throw missing('the geometry, attributes and details files disagree on the number of LSOAs');
  }
  cached = { geometry: decoded.geometry, attributes, details, indexOf: new Map(attributes.codes.map((code, i) => [code, i])) };
  return cached;
}

/** Indices of the LSOAs in a local authority district. */
export function ladLsoas(data: RealData, ladCode: string): number[] {
  const lad = data.attributes.lads.findIndex((l) => l.code === ladCode);
  if (lad < 0) throw new Error(`No district ${ladCode} in the built data`);
  const out: number[] = [];
  data.attributes.lad.forEach((l, i) => {
    if (l === lad) out.push(i);
  });
  return out;
}

/** A geometry holding only the chosen LSOAs (in the given order), through the real file format. */
export function subsetGeometry(full: LsoaGeometry, indices: readonly number[]): LsoaGeometry {
  const bytes = encodeGeometry(
    indices.map((i) => lsoaToGeoJson(full, i)),
    indices.map((i) => representativePoint(full, i)),
  );
  const decoded = decodeGeometry(bytes);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.geometry;
}

export function lsoaTurf(geometry: LsoaGeometry, i: number): Feature<Polygon | MultiPolygon> {
  return { type: 'Feature', properties: {}, geometry: lsoaToGeoJson(geometry, i) };
}
