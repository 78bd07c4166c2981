import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../src/data/boundaries';
import { decodeGeometry, encodeGeometry, lsoaToGeoJson, representativePoint, type LsoaGeometry } from '../../src/data/geometry-format';
import { seededRandom } from './seeded-random';

const here = path.dirname(fileURLToPath(import.meta.url));

const micro = (v: number) => Math.round(v * 1e6) / 1e6;

/** A closed ring around (cx, cy), coordinates at 6 decimal places like the BGC source. */
function ring(random: () => number, cx: number, cy: number, radius: number, n: number): Position[] {
  const points: Position[] = [];
  for (let i = 0; i < n; i++) {
    const angle = (i / n) * 2 * Math.PI;
    const r = radius * (0.7 + 0.3 * random());
    points.push([micro(cx + r * Math.cos(angle)), micro(cy + r * Math.sin(angle))]);
  }
  points.push([...points[0]!]);
  return points;
}

function sample(): { geometries: AreaGeometry[]; points: Position[] } {
  const random = seededRandom(7);
  const polygonWithHole: Polygon = {
    type: 'Polygon',
    coordinates: [ring(random, -0.1, 51.5, 0.01, 40), ring(random, -0.1, 51.5, 0.002, 12)],
  };
  const multi: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [
      [ring(random, -2.5, 53.4, 0.02, 25), ring(random, -2.5, 53.4, 0.004, 8), ring(random, -2.505, 53.405, 0.001, 6)],
      [ring(random, -2.45, 53.42, 0.005, 10)],
      [ring(random, 1.75, 52.48, 0.01, 15)],
    ],
  };
  const simple: Polygon = { type: 'Polygon', coordinates: [ring(random, 0.123456, 51.987654, 0.003, 5)] };
  return {
    geometries: [polygonWithHole, multi, simple],
    points: [
      [-0.105, 51.505],
      [-2.51, 53.39],
      [0.123456, 51.987654],
    ],
  };
}

function decoded(bytes: Uint8Array | ArrayBuffer): LsoaGeometry {
  const result = decodeGeometry(bytes);
  if (!result.ok) throw new Error(result.message);
  return result.geometry;
}

describe('encodeGeometry / decodeGeometry', () => {
  it('round-trips Polygons and MultiPolygons with holes exactly at 1e-6°', () => {
    const { geometries, points } = sample();
    const geometry = decoded(encodeGeometry(geometries, points));
    expect(geometry.count).toBe(3);
    geometries.forEach((g, i) => {
      const back = lsoaToGeoJson(geometry, i);
      expect(back.type).toBe(g.type);
      expect(back).toEqual(g); // exact: the inputs are on the microdegree grid
      expect(representativePoint(geometry, i)).toEqual(points[i]);
    });
  });

  it('is lossless to within half a microdegree for unrounded input', () => {
    const random = seededRandom(99);
    const ringOf = () => Array.from({ length: 20 }, () => [-6 + 8 * random(), 49.9 + 5.8 * random()] as Position);
    const geometries: AreaGeometry[] = [{ type: 'Polygon', coordinates: [ringOf(), ringOf()] }];
    const geometry = decoded(encodeGeometry(geometries, [[-1.234567891, 52.000000449]]));
    const back = lsoaToGeoJson(geometry, 0) as Polygon;
    (geometries[0] as Polygon).coordinates.forEach((r, ri) =>
      r.forEach(([x, y], vi) => {
        expect(Math.abs(back.coordinates[ri]![vi]![0]! - x!)).toBeLessThanOrEqual(5e-7 + 1e-12);
        expect(Math.abs(back.coordinates[ri]![vi]![1]! - y!)).toBeLessThanOrEqual(5e-7 + 1e-12);
      }),
    );
    expect(representativePoint(geometry, 0)).toEqual([-1.234568, 52]);
  });

  it('keeps the polygon/ring/vertex structure in its offsets', () => {
    const { geometries, points } = sample();
    const g = decoded(encodeGeometry(geometries, points));
    expect([...g.polygonStart]).toEqual([0, 1, 4, 5]);
    // Rings: polygon 0 has 2, the MultiPolygon's parts have 3, 1 and 1, the last polygon 1.
    expect([...g.ringStart]).toEqual([0, 2, 5, 6, 7, 8]);
    const vertices = geometries
      .flatMap((x) => (x.type === 'Polygon' ? [x.coordinates] : x.coordinates))
      .flat()
      .map((r) => r.length);
    expect(g.vertexStart[g.vertexStart.length - 1]).toBe(vertices.reduce((a, b) => a + b, 0));
    expect(g.coords.length).toBe(2 * vertices.reduce((a, b) => a + b, 0));
  });

  it('round-trips the real City of London BGC boundaries', () => {
    const file = path.join(here, '..', 'fixtures', 'source-city-of-london', 'boundaries', 'lsoa21_bgc_england_by_lad24', 'E09000001.geojson');
    const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as FeatureCollection;
    const geometries = collection.features.map((f) => f.geometry as AreaGeometry);
    const points = geometries.map((g) => (g.type === 'Polygon' ? g.coordinates[0]![0]! : g.coordinates[0]![0]![0]!));
    const geometry = decoded(encodeGeometry(geometries, points));
    geometries.forEach((g, i) => expect(lsoaToGeoJson(geometry, i)).toEqual(g));
  });

  it('decodes from a view into a larger buffer, including a pooled Node Buffer', () => {
    const { geometries, points } = sample();
    const bytes = encodeGeometry(geometries, points);
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 3);
    const view = padded.subarray(3, 3 + bytes.length);
    expect(view.byteOffset).toBe(3);
    const geometry = decoded(view);
    geometries.forEach((g, i) => expect(lsoaToGeoJson(geometry, i)).toEqual(g));
    // A Node Buffer that is a view into a shared pool (fs.readFileSync does this for small files):
    // Buffer.slice() does not copy, so this catches decoding the whole pool.
    const pooled = Buffer.from(padded.buffer, 3, bytes.length);
    expect(pooled.buffer.byteLength).toBeGreaterThan(bytes.length);
    expect(lsoaToGeoJson(decoded(pooled), 0)).toEqual(geometries[0]);
    // And from a plain ArrayBuffer.
    expect(lsoaToGeoJson(decoded(bytes.slice().buffer), 1)).toEqual(geometries[1]);
  });

  it('encodes nothing as an empty but valid file', () => {
    const geometry = decoded(encodeGeometry([], []));
    expect(geometry.count).toBe(0);
  });
});

describe('decodeGeometry on a damaged file', () => {
  const { geometries, points } = sample();
  const bytes = encodeGeometry(geometries, points);

  const failure = (input: Uint8Array | ArrayBuffer): string => {
    const result = decodeGeometry(input);
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(result.message.length).toBeGreaterThan(10);
    return result.message;
  };

  it('a truncated file (half-written download)', () => {
    expect(failure(bytes.slice(0, bytes.length - 4))).toMatch(/header says .*Rebuild the data/);
    expect(failure(bytes.slice(0, Math.floor(bytes.length / 2) & ~3))).toMatch(/Rebuild the data/);
    expect(failure(bytes.slice(0, 10))).toMatch(/truncated/);
    expect(failure(new Uint8Array(0))).toMatch(/truncated/);
  });

  it('extra bytes at the end', () => {
    const longer = new Uint8Array(bytes.length + 8);
    longer.set(bytes);
    expect(failure(longer)).toMatch(/its header says/);
  });

  it('garbage, or another file served in its place', () => {
    const random = seededRandom(3);
    const garbage = Uint8Array.from({ length: bytes.length }, () => Math.floor(random() * 256));
    expect(failure(garbage)).toMatch(/not a GapMap geometry file/);
    expect(failure(new TextEncoder().encode('<!doctype html><html><body>index</body></html>'))).toMatch(/not a GapMap geometry file/);
  });

  it('a header whose counts do not fit the file', () => {
    const forged = bytes.slice();
    new Uint32Array(forged.buffer, 0, 6)[5] = 0xffffffff; // vertex count
    expect(failure(forged)).toMatch(/Rebuild the data/);
  });
});
