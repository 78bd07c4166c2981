// Vector tiles of every LSOA, with LAD and region outlines dissolved from the same polygons so
// they align exactly, in one PMTiles archive.
//
// Why this shape: neighbouring LSOAs must not show gaps or slivers at any zoom. geojson-vt's own
// per-feature Douglas-Peucker would simplify each side of a shared edge differently, so it runs
// with tolerance 0 and the simplification is done beforehand by mapshaper, which simplifies the
// shared arcs once (topology-preserving) for each zoom band.

import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection } from 'geojson';
import geojsonvt, { type GeoJsonVtIndex, type GeoJsonVtTile } from 'geojson-vt';
import mapshaper from 'mapshaper';
import { fromGeojsonVt } from 'vt-pbf';
import { INDICATOR_KEYS, type IndicatorKey } from '../../src/core/indicators';
import type { AreaGeometry } from '../../src/data/boundaries';
import { writePmtiles, type TileEntry } from './pmtiles-writer';

export interface TileLsoa {
  /** Index into the attribute table; the tile feature id is index + 1. */
  index: number;
  ladIndex: number;
  ladCode: string;
  regionCode: string;
  deciles: Partial<Record<IndicatorKey, number>>;
  geometry: AreaGeometry;
}

export interface TileBuildOptions {
  lads: Map<string, { name: string; index: number }>;
  regions: Map<string, { name: string }>;
  bounds: [number, number, number, number];
  progress: (message: string) => void;
}

/**
 * Zoom bands and the mapshaper simplification interval (metres) for each: about 0.7 of a screen
 * pixel at the band's lowest zoom (512 px tiles at latitude 52°). From z11 the BGC boundaries
 * (generalised to 20 m) are used as they are.
 */
const ZOOM_BANDS: readonly { minZoom: number; maxZoom: number; intervalMetres: number; extent: number }[] = [
  // Coarse bands use a smaller tile grid (1024 = 2 units per screen pixel): finer is invisible
  // there and costs bytes on the first, whole-England view.
  { minZoom: 4, maxZoom: 5, intervalMetres: 1000, extent: 1024 },
  { minZoom: 6, maxZoom: 6, intervalMetres: 500, extent: 2048 },
  { minZoom: 7, maxZoom: 7, intervalMetres: 250, extent: 2048 },
  { minZoom: 8, maxZoom: 8, intervalMetres: 125, extent: 4096 },
  { minZoom: 9, maxZoom: 9, intervalMetres: 60, extent: 4096 },
  { minZoom: 10, maxZoom: 10, intervalMetres: 30, extent: 4096 },
  { minZoom: 11, maxZoom: 12, intervalMetres: 0, extent: 4096 },
];
export const TILE_MIN_ZOOM = 4;
export const TILE_MAX_ZOOM = 12;

/** Label layers appear only where they help: regions when zoomed out, districts closer in. */
const LABEL_ZOOMS = { region_label: [4, 7], lad_label: [7, TILE_MAX_ZOOM] } as const;

type LayerName = 'lsoa' | 'lad' | 'region' | 'lad_label' | 'region_label';

function lonToTileX(lon: number, z: number): number {
  return Math.floor(((lon + 180) / 360) * 2 ** z);
}

function latToTileY(lat: number, z: number): number {
  const rad = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
}

function asCollection(output: string | Uint8Array | undefined, name: string): FeatureCollection {
  if (output === undefined) throw new Error(`mapshaper produced no ${name}`);
  const text = typeof output === 'string' ? output : Buffer.from(output).toString('utf8');
  return JSON.parse(text) as FeatureCollection;
}

/** Runs mapshaper once: dissolves, label points, and one simplified copy of every layer per band. */
async function simplifyBands(lsoas: readonly TileLsoa[]): Promise<Map<string, FeatureCollection>> {
  const input: FeatureCollection = {
    type: 'FeatureCollection',
    features: lsoas.map((lsoa) => ({
      type: 'Feature',
      properties: { fid: lsoa.index + 1, ladcd: lsoa.ladCode, rgncd: lsoa.regionCode },
      geometry: lsoa.geometry,
    })),
  };
  const commands = [
    '-i in.json name=lsoa',
    '-dissolve ladcd target=lsoa + name=lad',
    '-dissolve rgncd target=lsoa + name=region',
    '-points inner target=lad + name=lad_label',
    '-points inner target=region + name=region_label',
    '-o format=geojson precision=0.000001 target=lad_label lad_label.json',
    '-o format=geojson precision=0.000001 target=region_label region_label.json',
  ];
  // Finest band first: before any -simplify, the output is the full BGC geometry.
  for (const band of [...ZOOM_BANDS].reverse()) {
    if (band.intervalMetres > 0) commands.push(`-simplify interval=${band.intervalMetres} keep-shapes`);
    for (const layer of ['lsoa', 'lad', 'region']) {
      commands.push(`-o format=geojson precision=0.000001 target=${layer} ${layer}-${band.minZoom}.json`);
    }
  }
  const output = await mapshaper.applyCommands(commands.join(' '), { 'in.json': input });
  const collections = new Map<string, FeatureCollection>();
  for (const [name, content] of Object.entries(output)) collections.set(name.replace(/\.json$/, ''), asCollection(content, name));
  return collections;
}

function decorate(collection: FeatureCollection, layer: LayerName, byIndex: Map<number, TileLsoa>, options: TileBuildOptions): FeatureCollection {
  const features = collection.features.map((feature): Feature => {
    const props = feature.properties ?? {};
    switch (layer) {
      case 'lsoa': {
        const fid = Number(props.fid);
        const lsoa = byIndex.get(fid - 1);
        if (!lsoa) throw new Error(`tile feature ${fid} has no LSOA`);
        const properties: Record<string, number> = { lad: lsoa.ladIndex };
        for (const key of INDICATOR_KEYS) {
          const decile = lsoa.deciles[key];
          if (decile !== undefined) properties[key] = decile;
        }
        return { type: 'Feature', id: fid, properties, geometry: feature.geometry };
      }
      case 'lad':
      case 'lad_label': {
        const code = String(props.ladcd);
        const lad = options.lads.get(code);
        return { type: 'Feature', properties: { code, name: lad?.name ?? code, idx: lad?.index ?? -1 }, geometry: feature.geometry };
      }
      case 'region':
      case 'region_label': {
        const code = String(props.rgncd);
        return { type: 'Feature', properties: { code, name: options.regions.get(code)?.name ?? code }, geometry: feature.geometry };
      }
    }
  });
  return { type: 'FeatureCollection', features };
}

function signedArea(ring: readonly number[][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[i]![1]! + ring[j]![1]!);
  }
  return sum;
}

/**
 * geojson-vt with tolerance 0 keeps every vertex, and at coarse zooms many land on the same grid
 * point. Drop the consecutive repeats, then the rings that collapse to no area: an LSOA smaller
 * than the grid. Its neighbours' shared vertices were rounded to the same points, so they close
 * over it and no hole appears. A ring of under 4 points would be written as a broken MVT command
 * that makes MapLibre reject the whole tile. Rings are classified as MapLibre does: the first
 * ring with area sets the winding of outer rings; holes of a dropped outer ring go with it.
 */
function dropDegenerateRings(tile: GeoJsonVtTile): GeoJsonVtTile {
  const features = tile.features as { type: number; geometry: number[][][] }[];
  tile.features = features.filter((feature) => {
    if (feature.type !== 3) return true;
    let outerSign = 0;
    let outerKept = false;
    const kept: number[][][] = [];
    for (const ring of feature.geometry) {
      const deduped = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
      const area = deduped.length >= 4 ? signedArea(deduped) : 0;
      if (area === 0) continue;
      if (outerSign === 0) outerSign = Math.sign(area);
      if (Math.sign(area) === outerSign) {
        kept.push(deduped);
        outerKept = true;
      } else if (outerKept) {
        kept.push(deduped);
      }
    }
    feature.geometry = kept;
    return kept.length > 0;
  });
  return tile;
}

export interface TileBuildResult {
  archive: Uint8Array;
  tileCount: number;
  bytesPerZoom: Record<number, number>;
}

export async function buildTiles(lsoas: readonly TileLsoa[], options: TileBuildOptions): Promise<TileBuildResult> {
  options.progress('simplifying and dissolving boundaries (mapshaper)…');
  const collections = await simplifyBands(lsoas);
  const byIndex = new Map(lsoas.map((lsoa) => [lsoa.index, lsoa]));
  const index = (collection: FeatureCollection, maxZoom: number, extent: number): GeoJsonVtIndex =>
    geojsonvt(collection, { maxZoom, tolerance: 0, extent, buffer: extent / 64, indexMaxZoom: 5, indexMaxPoints: 100_000 });
  const labelCollections = {
    lad_label: decorate(collections.get('lad_label')!, 'lad_label', byIndex, options),
    region_label: decorate(collections.get('region_label')!, 'region_label', byIndex, options),
  };
  const tiles: TileEntry[] = [];
  const bytesPerZoom: Record<number, number> = {};
  const [west, south, east, north] = options.bounds;

  for (const band of ZOOM_BANDS) {
    const layers: Partial<Record<LayerName, GeoJsonVtIndex>> = {};
    for (const layer of ['lsoa', 'lad', 'region'] as const) {
      const collection = collections.get(`${layer}-${band.minZoom}`);
      if (!collection) throw new Error(`mapshaper output for ${layer} at z${band.minZoom} is missing`);
      layers[layer] = index(decorate(collection, layer, byIndex, options), band.maxZoom, band.extent);
      collections.delete(`${layer}-${band.minZoom}`);
    }
    const labelIndexes = {
      lad_label: index(labelCollections.lad_label, band.maxZoom, band.extent),
      region_label: index(labelCollections.region_label, band.maxZoom, band.extent),
    };
    for (let z = band.minZoom; z <= band.maxZoom; z++) {
      const [x0, x1, y0, y1] = [lonToTileX(west, z), lonToTileX(east, z), latToTileY(north, z), latToTileY(south, z)];
      let count = 0;
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const tileLayers: Record<string, GeoJsonVtTile> = {};
          for (const [name, layerIndex] of Object.entries(layers)) {
            const tile = layerIndex.getTile(z, x, y);
            if (tile && dropDegenerateRings(tile).features.length > 0) tileLayers[name] = tile;
          }
          if (!tileLayers.lsoa) continue;
          for (const [name, [minZ, maxZ]] of Object.entries(LABEL_ZOOMS)) {
            if (z < minZ || z > maxZ) continue;
            const tile = labelIndexes[name as keyof typeof labelIndexes].getTile(z, x, y);
            if (tile && tile.features.length > 0) tileLayers[name] = tile;
          }
          const data = gzipSync(fromGeojsonVt(tileLayers, { version: 2, extent: band.extent }), { level: 9 });
          tiles.push({ z, x, y, data });
          bytesPerZoom[z] = (bytesPerZoom[z] ?? 0) + data.length;
          count++;
        }
      }
      options.progress(`tiles z${z}: ${count.toLocaleString('en-GB')} tiles, ${((bytesPerZoom[z] ?? 0) / 1e6).toFixed(1)} MB`);
    }
  }

  const deciles = Object.fromEntries(INDICATOR_KEYS.map((key) => [key, 'Number']));
  const archive = writePmtiles(tiles, {
    minZoom: TILE_MIN_ZOOM,
    maxZoom: TILE_MAX_ZOOM,
    bounds: options.bounds,
    center: [(west + east) / 2, (south + north) / 2, 6],
    metadata: {
      name: 'GapMap LSOA 2021',
      attribution: 'Contains ONS data and OS data © Crown copyright and database right. MHCLG IoD2025. OGL v3.0.',
      vector_layers: [
        { id: 'lsoa', minzoom: TILE_MIN_ZOOM, maxzoom: TILE_MAX_ZOOM, fields: { lad: 'Number', ...deciles } },
        { id: 'lad', minzoom: TILE_MIN_ZOOM, maxzoom: TILE_MAX_ZOOM, fields: { code: 'String', name: 'String', idx: 'Number' } },
        { id: 'region', minzoom: TILE_MIN_ZOOM, maxzoom: TILE_MAX_ZOOM, fields: { code: 'String', name: 'String' } },
        { id: 'lad_label', minzoom: LABEL_ZOOMS.lad_label[0], maxzoom: TILE_MAX_ZOOM, fields: { code: 'String', name: 'String' } },
        { id: 'region_label', minzoom: TILE_MIN_ZOOM, maxzoom: LABEL_ZOOMS.region_label[1], fields: { code: 'String', name: 'String' } },
      ],
    },
  });
  return { archive, tileCount: tiles.length, bytesPerZoom };
}
