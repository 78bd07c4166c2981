// The schemes shown, drawn by kind over the deciles and under the labels, as vector tiles the
// coverage worker cuts for the run (parsed in MapLibre's worker: a large dataset never stalls the
// page): areas tinted and outlined, routes as cased lines, points as dots, clustered when many.
// Each scheme is in its dataset's colour, as the panel's swatch shows it.

import type { ExpressionSpecification, FilterSpecification, VectorTileSource } from 'maplibre-gl';
import { SCHEME_TILES } from '../../core/scheme-features';
import { CASING_COLOUR, SCHEME_KIND_COLOURS } from '../../theme';
import type { CoverageRun } from '../../contract';
import { runDatasetColours } from '../../state/selectors';
import type { AppState } from '../../state/store';
import { casedLine } from '../cased-line';
import { MAP_COLOURS } from '../../theme';
import { schemeTilesUrl } from '../scheme-tile-url';
import { HEADING_FONT, LAYER } from '../style';
import type { LayerGroup } from './group';

/**
 * Vector tiles of the schemes shown (see scheme-tile-url.ts): a layer of points (clustered below
 * SCHEME_TILES.clusterMaxZoom) and a layer of routes and areas.
 */
export const SCHEME_SOURCE = 'schemes';

/** A scheme's colour: its dataset's (the panel's swatch), written into the tiles by the worker (schemeTilesUrl). */
export const SCHEME_COLOUR = ['coalesce', ['get', 'colour'], SCHEME_KIND_COLOURS.other] as unknown as ExpressionSpecification;

const IS_AREA: FilterSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
export const IS_LINE: FilterSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];

/** Every layer showing schemes, hidden together when schemes are not shown: these, their reach (scheme-reach.ts) and the areas they name (scheme-area-lists.ts). */
const SCHEME_LAYERS = [
  LAYER.schemeAreaListFill,
  LAYER.schemeBuffer,
  LAYER.schemeCatchment,
  LAYER.schemeCluster,
  LAYER.schemeClusterCount,
  LAYER.schemeAreaFill,
  LAYER.schemeAreaCasing,
  LAYER.schemeAreaLine,
  LAYER.schemeLineCasing,
  LAYER.schemeLine,
  LAYER.schemePoint,
] as const;

interface SchemesSlice {
  result: AppState['coverage']['result'];
  schemesHash: AppState['coverage']['schemesHash'];
  showSchemes: boolean;
  datasets: AppState['coverage']['datasets'];
}

export function schemes(): LayerGroup<SchemesSlice> {
  let drawnRun: CoverageRun | null = null;
  /** The scheme tiles' address last set (run key and dataset colours). */
  let drawnUrl = schemeTilesUrl(null);
  return {
    name: 'schemes',
    sources: () => ({ [SCHEME_SOURCE]: { type: 'vector', tiles: [schemeTilesUrl(null)], maxzoom: SCHEME_TILES.maxZoom } }),
    layers: () => [
      {
        id: LAYER.schemeAreaFill,
        type: 'fill',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.shapesLayer,
        filter: IS_AREA,
        paint: { 'fill-color': SCHEME_COLOUR, 'fill-opacity': 0.15 },
      },
      ...casedLine({
        id: LAYER.schemeAreaLine,
        casingId: LAYER.schemeAreaCasing,
        source: SCHEME_SOURCE,
        sourceLayer: SCHEME_TILES.shapesLayer,
        filter: IS_AREA,
        line: { colour: SCHEME_COLOUR, width: 1.5, dash: [3, 1.5] },
        casing: { colour: CASING_COLOUR, width: 3.5 },
      }),
      ...casedLine({
        id: LAYER.schemeLine,
        casingId: LAYER.schemeLineCasing,
        source: SCHEME_SOURCE,
        sourceLayer: SCHEME_TILES.shapesLayer,
        filter: IS_LINE,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        line: { colour: SCHEME_COLOUR, width: ['interpolate', ['linear'], ['zoom'], 8, 0.6, 12, 1.5, 15, 2.5] },
        casing: { colour: CASING_COLOUR, width: ['interpolate', ['linear'], ['zoom'], 8, 1.5, 12, 3.5, 15, 5] },
      }),
      {
        id: LAYER.schemePoint,
        type: 'circle',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.pointsLayer,
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': SCHEME_COLOUR,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 12, 4.5, 15, 6],
          'circle-stroke-color': CASING_COLOUR,
          'circle-stroke-width': 1.5,
        },
      },
      {
        // Many points close together: one circle with how many (a click zooms in).
        id: LAYER.schemeCluster,
        type: 'circle',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.pointsLayer,
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': MAP_COLOURS.ink,
          'circle-opacity': 0.85,
          'circle-radius': ['step', ['get', 'point_count'], 10, 10, 13, 100, 17, 1000, 22],
          'circle-stroke-color': MAP_COLOURS.paper,
          'circle-stroke-width': 2,
        },
      },
      {
        id: LAYER.schemeClusterCount,
        type: 'symbol',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.pointsLayer,
        filter: ['has', 'point_count'],
        layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': HEADING_FONT, 'text-size': 12, 'text-allow-overlap': true },
        paint: { 'text-color': MAP_COLOURS.paper },
      },
    ],
    select: (state) => ({
      result: state.coverage.result,
      schemesHash: state.coverage.schemesHash,
      showSchemes: state.coverage.showSchemes,
      datasets: state.coverage.datasets,
    }),
    apply: ({ result, schemesHash, showSchemes, datasets }, _previous, { map }) => {
      const current = result && result.run.schemesHash === schemesHash ? result.run : null;
      const before = drawnRun;
      // Keep what is drawn while a run for new schemes is on its way; clear it when none are shown.
      if (current !== drawnRun && (current !== null || schemesHash === null)) drawnRun = current;
      // Each scheme in its dataset's colour, as the panel's swatch shows it: the colours travel in the tile address.
      const colours = drawnRun ? runDatasetColours(datasets, drawnRun.datasets) : [];
      const url = schemeTilesUrl(drawnRun?.key ?? null, colours);
      // A run made again under the same key (the worker was restarted, or had let it go) reloads
      // its tiles: those asked for meanwhile came back empty.
      if (url !== drawnUrl || (drawnRun !== before && drawnRun !== null)) {
        drawnUrl = url;
        map.getSource<VectorTileSource>(SCHEME_SOURCE)?.setTiles([url]);
      }
      for (const layer of SCHEME_LAYERS) map.setLayoutProperty(layer, 'visibility', showSchemes ? 'visible' : 'none');
    },
  };
}
