// The schemes cut into map tiles by the coverage worker: the real Trafford bus stops cluster when
// zoomed out (each cluster saying where it comes apart, and how many stops it holds), and come
// apart into single stops, each with its scheme id and catchment, when zoomed in.

import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import fs from 'node:fs';
import path from 'node:path';
import Pbf from 'pbf';
import { describe, expect, it } from 'vitest';
import { readSchemesGeoJsonValue } from '../../src/data/read-schemes-geojson';
import { SchemeTiles } from '../../src/worker/scheme-tiles';

const stopsPath = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'transport', 'trafford_bus_stops_tfgm_2022.geojson');

/** Tile x, y holding a place at zoom z (Web Mercator). */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const y = ((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * n;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(y)];
}

function features(layer: VectorTileLayer | undefined) {
  return layer ? Array.from({ length: layer.length }, (_, k) => layer.feature(k)) : [];
}

describe.skipIf(!fs.existsSync(stopsPath))('scheme tiles on the Trafford bus stops', () => {
  const read = readSchemesGeoJsonValue(JSON.parse(fs.readFileSync(stopsPath, 'utf8')), { lineBufferM: 400, pointRadiusM: 300, stopRadiusM: 300 });
  if (!read.ok) throw new Error('the stops should read');
  // Two datasets in one run: the first 500 stops, then the rest; each feature says which, for its colour.
  const tiles = new SchemeTiles(read.schemes, (index) => (index < 500 ? 0 : 1));

  it('clusters the stops zoomed out; the clusters hold every stop and say where they come apart', () => {
    const [x, y] = tileOf(-2.35, 53.42, 8);
    const tile = new VectorTile(new Pbf(new Uint8Array(tiles.tile(8, x, y)!)));
    expect(tile.layers.shapes).toBeUndefined();
    const points = features(tile.layers.points);
    const clusters = points.filter((f) => f.properties.cluster === true);
    expect(clusters.length).toBeGreaterThan(0);
    const held = points.reduce((sum, f) => sum + (f.properties.cluster ? Number(f.properties.point_count) : 1), 0);
    expect(held).toBe(read.schemes.length);
    for (const cluster of clusters) expect(Number(cluster.properties.expansion_zoom)).toBeGreaterThan(8);
  });

  it('shows single stops zoomed in, with their scheme ids and catchments', () => {
    const [x, y] = tileOf(-2.3465, 53.4083, 15);
    const tile = new VectorTile(new Pbf(new Uint8Array(tiles.tile(15, x, y, ['#1d70b8', '#f47738'])!)));
    const points = features(tile.layers.points);
    expect(points.length).toBeGreaterThan(0);
    for (const point of points) {
      expect(point.properties.cluster).toBeUndefined();
      const scheme = read.schemes[Number(point.id) - 1]!;
      const dataset = Number(point.id) - 1 < 500 ? 0 : 1;
      // Each in its dataset's colour, as the address asked.
      expect(point.properties).toEqual({
        reachM: 300,
        footprint: 'point',
        kind: scheme.kind,
        dataset,
        colour: dataset === 0 ? '#1d70b8' : '#f47738',
        name: scheme.name,
      });
    }
    // Asked without colours, the tile carries none (the tilers keep their tiles between requests).
    const plain = features(new VectorTile(new Pbf(new Uint8Array(tiles.tile(15, x, y)!))).layers.points);
    expect(plain.every((point) => point.properties.colour === undefined)).toBe(true);
  });

  it('gives nothing where there are no schemes', () => {
    const [x, y] = tileOf(1.3, 51.1, 10); // Kent
    expect(tiles.tile(10, x, y)).toBeNull();
  });
});
