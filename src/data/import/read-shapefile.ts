// Zipped shapefiles (from ArcGIS, QGIS, MapInfo) → one GeoJSON FeatureCollection in WGS84 for the
// GeoJSON scheme reader, through shpjs: each .shp with the .dbf (attributes), .prj (coordinate
// system, which shpjs reprojects from through proj4) and .cpg (text encoding) of the same name.
// The zip is opened by import-file.ts, under its zip-bomb guard, rather than by shpjs, whose own
// unzip inflates entries to whatever size they turn out to be.

import type { Feature, FeatureCollection, GeoJsonProperties, Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { parseDbf, parseShp } from 'shpjs';

type MaybeFeature = Feature<Geometry | null>;

export type ShapefileRead = { ok: true; collection: FeatureCollection<Geometry | null>; warnings: string[] } | { ok: false; message: string };

/** The files of a shapefile that shpjs reads; the others (.shx, .sbn, .qix, …) are indexes it does not need. */
export const SHAPEFILE_PARTS = /\.(?:shp|dbf|prj|cpg)$/i;

interface Layer {
  /** The .shp's path in the zip, as GIS tools showed it to whoever made the zip. */
  shpName: string;
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: Uint8Array;
  cpg?: Uint8Array;
}

type LayerRead = { ok: true; features: MaybeFeature[]; warnings: string[] } | { ok: false; message: string };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Every .shp with the parts beside it; GIS tools differ in the case of extensions, so they match in any case. */
function layersOf(files: ReadonlyMap<string, Uint8Array>): Layer[] {
  const byLowerName = new Map([...files].map(([name, bytes]) => [name.toLowerCase(), bytes] as const));
  const layers: Layer[] = [];
  for (const [shpName, shp] of files) {
    if (!/\.shp$/i.test(shpName)) continue;
    const base = shpName.slice(0, -'.shp'.length).toLowerCase();
    const part = (extension: string) => byLowerName.get(`${base}.${extension}`);
    layers.push({ shpName, shp, dbf: part('dbf'), prj: part('prj'), cpg: part('cpg') });
  }
  return layers;
}

/** shpjs's types ask for bytes on an ArrayBuffer; fflate's are typed as maybe shared memory, which they never are. */
const onArrayBuffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);

function* positionsOf(geometry: Geometry | null): Generator<Position> {
  if (geometry === null) return;
  switch (geometry.type) {
    case 'Point':
      yield geometry.coordinates;
      break;
    case 'MultiPoint':
    case 'LineString':
      yield* geometry.coordinates;
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const part of geometry.coordinates) yield* part;
      break;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) yield* ring;
      break;
    case 'GeometryCollection':
      for (const member of geometry.geometries) yield* positionsOf(member);
      break;
  }
}

/**
 * What is wrong with a .dbf's header for the bytes it has, or undefined. parsedbf reads as many
 * records as the header states, past the end of the file if need be: a header damaged to state
 * 738 million records made it loop for ever (found by fuzzing).
 */
function dbfProblem(dbf: Uint8Array): string | undefined {
  if (dbf.length < 32) return `is ${dbf.length} bytes, shorter than a .dbf's 32-byte header`;
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const records = view.getUint32(4, true);
  const headerBytes = view.getUint16(8, true);
  const recordBytes = view.getUint16(10, true);
  if (records > 0 && recordBytes === 0) return `says it holds ${records.toLocaleString('en-GB')} records of 0 bytes`;
  const needed = headerBytes + records * recordBytes;
  if (needed > dbf.length) {
    return `says it holds ${records.toLocaleString('en-GB')} records of ${recordBytes} bytes after a ${headerBytes}-byte header, ${needed.toLocaleString('en-GB')} bytes, but it has ${dbf.length.toLocaleString('en-GB')}`;
  }
  return undefined;
}

/** A position that cannot be longitude/latitude, so the layer is in some projection. */
function firstNonDegrees(geometries: readonly (Geometry | null)[]): Position | undefined {
  for (const geometry of geometries) {
    for (const position of positionsOf(geometry)) {
      const [x = NaN, y = NaN] = position;
      if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) return position;
    }
  }
  return undefined;
}

/**
 * The .dbf's date fields come from parsedbf as Date objects at local midnight (an empty field as an
 * invalid Date); the scheme reader reads dates as text, so they become yyyy-mm-dd, and empty ones go.
 */
function withDatesAsText(properties: GeoJsonProperties): GeoJsonProperties {
  const pad = (n: number) => String(n).padStart(2, '0');
  return Object.fromEntries(
    Object.entries(properties ?? {}).flatMap(([key, value]) => {
      if (!(value instanceof Date)) return [[key, value]];
      if (Number.isNaN(value.getTime())) return [];
      return [[key, `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`]];
    }),
  );
}

/** mapshaper (mapshaper.org) writes a .prj's TOWGS84 numbers in quotes, which proj4 cannot read; unquoted they are the standard form. */
const unquoteTowgs84 = (wkt: string) => wkt.replace(/TOWGS84\[\s*"([^"]*)"\s*\]/gi, 'TOWGS84[$1]');

function readLayer(layer: Layer, fileName: string): LayerRead {
  const where = `${fileName}: ${layer.shpName}`;
  const prj = layer.prj ? unquoteTowgs84(new TextDecoder().decode(layer.prj).trim()) || undefined : undefined;
  if (prj !== undefined) {
    try {
      proj4(prj);
    } catch (error) {
      // shpjs would quietly leave the coordinates unprojected; say so instead.
      const named = /^\s*[A-Z_]+\[\s*"([^"]*)"/i.exec(prj)?.[1];
      // proj4 fails on text that is not WKT with a TypeError about its own internals; say what is wrong instead.
      const reason = /^\s*[A-Z_]+\[/i.test(prj) && !(error instanceof TypeError) ? errorText(error) : 'it is not a WKT definition such as PROJCS["…",…]';
      return {
        ok: false,
        message:
          `${where}: its .prj${named ? ` ("${named}")` : ''} is a coordinate system GapMap cannot read (${reason}). ` +
          'Re-export the layer in WGS84 (EPSG:4326) or British National Grid (EPSG:27700).',
      };
    }
  }
  const dbfDamage = layer.dbf && dbfProblem(layer.dbf);
  if (dbfDamage)
    return { ok: false, message: `${where}: its .dbf (the attributes) ${dbfDamage}, so it is damaged (cut short or edited). Export the layer again.` };
  // shpjs's types say geometries are never null, but a shape record of type "null" gives null.
  let geometries: (Geometry | null)[];
  let properties: GeoJsonProperties[];
  try {
    geometries = parseShp(onArrayBuffer(layer.shp), prj);
    // The encoding is optional at run time; an empty .cpg means "none given" (UTF-8) to shpjs.
    properties = layer.dbf ? parseDbf(onArrayBuffer(layer.dbf), onArrayBuffer(layer.cpg ?? new Uint8Array())) : [];
  } catch (error) {
    return { ok: false, message: `${where} could not be read as a shapefile (${errorText(error)}).` };
  }
  const warnings: string[] = [];
  if (!layer.dbf) warnings.push(`${layer.shpName} has no .dbf beside it, so its features have no attributes (names, ids, amounts).`);
  if (prj === undefined) {
    const projected = firstNonDegrees(geometries);
    if (projected) {
      return {
        ok: false,
        message:
          `${where} has no .prj file saying which coordinate system it is in, and its coordinates (e.g. [${projected.join(', ')}]) are not ` +
          'longitude/latitude. Add the .prj that was saved beside the .shp to the zip, or re-export the layer in WGS84 (EPSG:4326).',
      };
    }
    warnings.push(`${layer.shpName} has no .prj; its coordinates look like longitude/latitude, so they were read as WGS84.`);
  }
  const features = geometries.map((geometry, k): MaybeFeature => ({ type: 'Feature', geometry, properties: withDatesAsText(properties[k] ?? {}) }));
  return { ok: true, features, warnings };
}

/** The shapefiles among a zip's files (path → bytes), all in one collection, in the zip's order. */
export function readShapefiles(files: ReadonlyMap<string, Uint8Array>, fileName: string): ShapefileRead {
  const features: MaybeFeature[] = [];
  const warnings: string[] = [];
  const ranges: string[] = [];
  for (const layer of layersOf(files)) {
    const read = readLayer(layer, fileName);
    if (!read.ok) return read;
    ranges.push(`${layer.shpName} features ${features.length + 1}–${features.length + read.features.length}`);
    // One at a time: spreading a layer of a few hundred thousand features as arguments overflows the stack.
    for (const feature of read.features) features.push(feature);
    warnings.push(...read.warnings);
  }
  // Feature numbers in problems run on across layers; say where each layer starts.
  if (ranges.length > 1) warnings.unshift(`The zip holds ${ranges.length} shapefiles, read one after another: ${ranges.join('; ')}.`);
  return { ok: true, collection: { type: 'FeatureCollection', features }, warnings };
}
