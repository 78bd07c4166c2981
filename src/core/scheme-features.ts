// Schemes as GeoJSON for the map's scheme layers: each footprint as drawn (points, routes,
// areas), tagged with its kind and dataset so the layers colour it. The coverage worker cuts it into vector
// tiles (src/worker/scheme-tiles.ts), so the page never holds it. Footprints that only name areas have no
// shape of their own and are not drawn here: once a run has found their LSOAs, the map tints those
// (selectAreaListLsoas, and lsoaColourPaint in src/map/style.ts).

import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Footprint, Scheme, SchemeKind } from './scheme';

export interface SchemeFeatureProperties {
  kind: SchemeKind;
  /** The dataset it came from (its position among the datasets shown), so the map draws it in the dataset's colour. */
  dataset: number;
  name: string;
  /** Catchment radius or buffer in metres, for drawing the reach. */
  reachM: number;
  /** The footprint's type (points go to the map's clustered source, the rest to another). */
  footprint: Footprint['type'];
}

/** A footprint's shape as GeoJSON; named areas have none of their own. */
export function footprintGeometry(footprint: Footprint): Geometry | null {
  switch (footprint.type) {
    case 'point':
      return { type: 'Point', coordinates: footprint.point };
    case 'line':
      return { type: 'MultiLineString', coordinates: footprint.lines };
    case 'polygon':
      return { type: 'MultiPolygon', coordinates: footprint.polygons };
    case 'areas':
      return null;
  }
}

function reachOf(scheme: Scheme): number {
  const footprint = scheme.footprint;
  switch (footprint.type) {
    case 'point':
      return footprint.radiusM;
    case 'line':
    case 'polygon':
      return footprint.bufferM;
    case 'areas':
      return 0;
  }
}

/** Feature ids are scheme index + 1 (MapLibre treats id 0 as missing). */
export function schemesToGeoJson(
  schemes: readonly Scheme[],
  datasetOf: (index: number) => number = () => 0,
): FeatureCollection<Geometry, SchemeFeatureProperties> {
  const features: Feature<Geometry, SchemeFeatureProperties>[] = [];
  schemes.forEach((scheme, index) => {
    const geometry = footprintGeometry(scheme.footprint);
    if (!geometry) return;
    features.push({
      type: 'Feature',
      id: index + 1,
      geometry,
      properties: { kind: scheme.kind, dataset: datasetOf(index), name: scheme.name, reachM: reachOf(scheme), footprint: scheme.footprint.type },
    });
  });
  return { type: 'FeatureCollection', features };
}

/**
 * How the coverage worker cuts the schemes into vector tiles for the map (src/worker/scheme-tiles.ts)
 * and the map reads them: two layers, points (clustered below CLUSTER_MAX_ZOOM, as MapLibre's own
 * GeoJSON clustering would) and the other shapes; MapLibre's tile extent and 512 px tiles.
 */
export const SCHEME_TILES = {
  pointsLayer: 'points',
  shapesLayer: 'shapes',
  extent: 8192,
  /** Tiles are cut to this zoom; the map over-zooms beyond. */
  maxZoom: 14,
  clusterMaxZoom: 12,
  /** Cluster radius in screen pixels. */
  clusterRadiusPx: 36,
  tileSizePx: 512,
} as const;
