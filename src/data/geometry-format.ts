// A compact binary of every LSOA's street-level (BGC) geometry and representative point, for the
// analysis core. Coordinates are whole microdegrees (Int32): the source is rounded to 6 decimal
// places, so this is lossless and half the size of Float64. Flat arrays with offsets, in the
// order of AttributesFile.codes, so a worker can take them as transferable buffers.

import type { MultiPolygon, Polygon, Position } from 'geojson';
import { lsoaPolygons } from '../core/lsoa-polygons';
import type { LsoaGeometry } from '../core/lsoa-geometry';
import type { AreaGeometry } from './boundaries';

const MAGIC = 0x31474d47; // "GMG1" little-endian
const HEADER_WORDS = 6;
const MICRO = 1e6;

export type { LsoaGeometry };

export function encodeGeometry(geometries: readonly AreaGeometry[], points: readonly Position[]): Uint8Array {
  const polygons = geometries.map((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates));
  const polygonCount = polygons.reduce((n, polys) => n + polys.length, 0);
  const ringCount = polygons.reduce((n, polys) => n + polys.reduce((m, rings) => m + rings.length, 0), 0);
  const vertexCount = polygons.reduce((n, polys) => n + polys.reduce((m, rings) => m + rings.reduce((k, ring) => k + ring.length, 0), 0), 0);
  const words = HEADER_WORDS + (geometries.length + 1) + (polygonCount + 1) + (ringCount + 1) + vertexCount * 2 + geometries.length * 2;
  const buffer = new ArrayBuffer(words * 4);
  const header = new Uint32Array(buffer, 0, HEADER_WORDS);
  header.set([MAGIC, 1, geometries.length, polygonCount, ringCount, vertexCount]);
  const layout = views(buffer, geometries.length, polygonCount, ringCount, vertexCount);
  let p = 0;
  let r = 0;
  let v = 0;
  polygons.forEach((polys, i) => {
    layout.polygonStart[i] = p;
    for (const rings of polys) {
      layout.ringStart[p++] = r;
      for (const ring of rings) {
        layout.vertexStart[r++] = v;
        for (const [lon, lat] of ring) {
          layout.coords[v * 2] = Math.round((lon ?? NaN) * MICRO);
          layout.coords[v * 2 + 1] = Math.round((lat ?? NaN) * MICRO);
          v++;
        }
      }
    }
    const point = points[i];
    layout.points[i * 2] = Math.round((point?.[0] ?? NaN) * MICRO);
    layout.points[i * 2 + 1] = Math.round((point?.[1] ?? NaN) * MICRO);
  });
  layout.polygonStart[geometries.length] = p;
  layout.ringStart[polygonCount] = r;
  layout.vertexStart[ringCount] = v;
  return new Uint8Array(buffer);
}

function views(buffer: ArrayBuffer, count: number, polygonCount: number, ringCount: number, vertexCount: number): LsoaGeometry {
  let offset = HEADER_WORDS * 4;
  const take = <T>(make: (offset: number, length: number) => T, length: number): T => {
    const view = make(offset, length);
    offset += length * 4;
    return view;
  };
  return {
    count,
    polygonStart: take((o, n) => new Uint32Array(buffer, o, n), count + 1),
    ringStart: take((o, n) => new Uint32Array(buffer, o, n), polygonCount + 1),
    vertexStart: take((o, n) => new Uint32Array(buffer, o, n), ringCount + 1),
    coords: take((o, n) => new Int32Array(buffer, o, n), vertexCount * 2),
    points: take((o, n) => new Int32Array(buffer, o, n), count * 2),
  };
}

export type DecodeResult = { ok: true; geometry: LsoaGeometry } | { ok: false; message: string };

export function decodeGeometry(bytes: ArrayBuffer | Uint8Array): DecodeResult {
  const buffer =
    bytes instanceof Uint8Array
      ? bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : // Copy: Node's Buffer.slice() shares memory, so `.buffer` would be the whole pool.
          (new Uint8Array(bytes).buffer as ArrayBuffer)
      : bytes;
  if (buffer.byteLength < HEADER_WORDS * 4) return { ok: false, message: 'The geometry file is truncated (no header).' };
  const [magic, version, count, polygonCount, ringCount, vertexCount] = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (magic !== MAGIC || version !== 1) {
    return { ok: false, message: 'This is not a GapMap geometry file (version 1). Rebuild the data with npm run data.' };
  }
  const expectedWords = HEADER_WORDS + (count! + 1) + (polygonCount! + 1) + (ringCount! + 1) + vertexCount! * 2 + count! * 2;
  if (buffer.byteLength !== expectedWords * 4) {
    return { ok: false, message: `The geometry file is ${buffer.byteLength} bytes; its header says ${expectedWords * 4}. Rebuild the data.` };
  }
  return { ok: true, geometry: views(buffer, count!, polygonCount!, ringCount!, vertexCount!) };
}

/** LSOA i as GeoJSON (degrees), for Turf. */
export function lsoaToGeoJson(geometry: LsoaGeometry, index: number): Polygon | MultiPolygon {
  const polygons = lsoaPolygons(geometry, [index]);
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

export function representativePoint(geometry: LsoaGeometry, index: number): [number, number] {
  return [geometry.points[index * 2]! / MICRO, geometry.points[index * 2 + 1]! / MICRO];
}
