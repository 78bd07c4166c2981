// The schemes shown, as vector tiles cut in the coverage worker, for the map to fetch through a
// protocol of its own (src/map/map-view.ts). Handing MapLibre the schemes as GeoJSON — even as a
// file — costs the page: its worker fetches Blob URLs through the page, which parses them, and it
// posts the parsed data back to the page. 100k points held the main thread for seconds. Tiles
// arrive as small binary files, are parsed in MapLibre's own worker, and hold only what is in view.
// Points are clustered with supercluster and shapes cut with geojson-vt, as MapLibre's GeoJSON
// sources do, with the same settings, so the map looks the same.

import geojsonvt, { type GeoJsonVtIndex, type GeoJsonVtTile } from 'geojson-vt';
import Supercluster, { type ClusterProperties, type PointFeature } from 'supercluster';
import { fromGeojsonVt } from 'vt-pbf';
import { schemesToGeoJson, SCHEME_TILES, type SchemeFeatureProperties } from '../core/scheme-features';
import type { Scheme } from '../core/scheme';

const SCALE = SCHEME_TILES.extent / SCHEME_TILES.tileSizePx;

/** A tile with features, or null (the tilers may give a tile with none, e.g. where a buffer only grazes it). */
const nonEmpty = <T extends { features: unknown[] }>(tile: T | null): T | null => (tile && tile.features.length > 0 ? tile : null);

export class SchemeTiles {
  private readonly points: Supercluster<SchemeFeatureProperties>;
  private readonly shapes: GeoJsonVtIndex;

  /** `datasetOf(i)`: the position, among the datasets shown, of scheme i's dataset (the map colours by it). */
  constructor(schemes: readonly Scheme[], datasetOf?: (index: number) => number) {
    const { features } = schemesToGeoJson(schemes, datasetOf);
    const points = features.filter((f) => f.properties.footprint === 'point') as PointFeature<SchemeFeatureProperties>[];
    const shapes = features.filter((f) => f.properties.footprint !== 'point');
    this.points = new Supercluster<SchemeFeatureProperties>({
      maxZoom: SCHEME_TILES.clusterMaxZoom,
      radius: SCHEME_TILES.clusterRadiusPx * SCALE,
      extent: SCHEME_TILES.extent,
    }).load(points);
    this.shapes = geojsonvt(
      { type: 'FeatureCollection', features: shapes },
      { maxZoom: SCHEME_TILES.maxZoom, extent: SCHEME_TILES.extent, buffer: 128 * SCALE, tolerance: 0.375 * SCALE },
    );
  }

  /**
   * Tile z/x/y as a Mapbox Vector Tile (null when nothing is in it). Clusters say the zoom at which
   * they come apart; each scheme carries `colour`, its dataset's (colours[dataset]), when given.
   */
  tile(z: number, x: number, y: number, colours: readonly string[] = []): ArrayBuffer | null {
    const points = nonEmpty(this.points.getTile(z, x, y));
    const shapes = nonEmpty(this.shapes.getTile(z, x, y));
    if (!points && !shapes) return null;
    for (const feature of points?.features ?? []) {
      const tags = feature.tags as Partial<ClusterProperties> & { expansion_zoom?: number };
      if (tags.cluster && tags.cluster_id !== undefined) tags.expansion_zoom ??= this.points.getClusterExpansionZoom(tags.cluster_id);
    }
    // The tilers keep their tiles: the colour is set (or cleared) on every request.
    const features = [...(points?.features ?? []), ...(shapes?.features ?? [])] as { tags: { dataset?: number; colour?: string } }[];
    for (const { tags } of features) {
      const colour = tags.dataset === undefined ? undefined : colours[tags.dataset];
      if (colour) tags.colour = colour;
      else delete tags.colour;
    }
    const bytes = fromGeojsonVt(
      {
        ...(points ? { [SCHEME_TILES.pointsLayer]: points as unknown as GeoJsonVtTile } : {}),
        ...(shapes ? { [SCHEME_TILES.shapesLayer]: shapes } : {}),
      },
      { version: 2, extent: SCHEME_TILES.extent },
    );
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
}
