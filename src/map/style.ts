// The MapLibre style GapMap draws with, and the expressions that restyle it without reloading
// geometry: every LSOA tile feature carries every indicator's decile, so switching indicator is a
// paint change, not a new tile request.

import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  FilterSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { IndicatorKey } from '../core/indicators';
import { DECILE_COLOURS, NO_DECILE_COLOUR } from '../core/legend';
import type { Classified } from '../core/lsoa-colouring';
import { SCHEME_TILES } from '../core/scheme-features';
import { CASING_COLOUR, GAP_COLOUR, SCHEME_KIND_COLOURS } from '../state/coverage-style';

export const SOURCE = 'gapmap';
/**
 * Vector tiles of the schemes shown, cut by the coverage worker (src/worker/scheme-tiles.ts) and
 * fetched through the `gapmap-schemes:` protocol: a layer of points (clustered below
 * SCHEME_TILES.clusterMaxZoom) and a layer of routes and areas.
 */
export const SCHEME_SOURCE = 'schemes';
export const SCHEME_TILE_PROTOCOL = 'gapmap-schemes';

/**
 * The tile address for a coverage run's schemes (null: none shown), with the colours of its
 * datasets in order (#rrggbb): the worker writes each scheme's colour into the tiles, so the
 * layers' paint never changes. Changing a data-driven paint property pauses the source, and a new
 * run's tiles set meanwhile were then dropped (the old run's tiles stayed on the map).
 */
export function schemeTilesUrl(runKey: string | null, colours: readonly string[] = []): string {
  const key = runKey === null ? 'none' : encodeURIComponent(runKey);
  const palette = colours.length > 0 ? `?colours=${colours.map((c) => c.replace('#', '')).join(',')}` : '';
  return `${SCHEME_TILE_PROTOCOL}://${key}/{z}/{x}/{y}${palette}`;
}

/** The run key, z, x, y and dataset colours of a scheme tile address; null when it is not one. */
export function parseSchemeTileUrl(url: string): { runKey: string | null; z: number; x: number; y: number; colours: string[] } | null {
  const match = new RegExp(`^${SCHEME_TILE_PROTOCOL}://([^/]+)/(\\d+)/(\\d+)/(\\d+)(?:\\?colours=([0-9a-fA-F,]*))?$`).exec(url);
  if (!match) return null;
  const colours = (match[5] ?? '').split(',').filter((c) => c !== '').map((c) => `#${c}`);
  return { runKey: match[1] === 'none' ? null : decodeURIComponent(match[1]!), z: Number(match[2]), x: Number(match[3]), y: Number(match[4]), colours };
}
/** Beyond this zoom every point is drawn on its own. */

/**
 * Pixels for `reachM` metres on the ground at the current zoom, for catchments and buffers drawn
 * to scale: MapLibre's 512-pixel world is 40,075 km round the equator, scaled by cos(52.5°) for
 * England. Exponential base-2 interpolation between zoom 0 and 24 is exactly reach × 2^zoom / k.
 */
function metresToPixels(scale: number): ExpressionSpecification {
  const metresPerPixelAtZoom0 = (40_075_016.686 * Math.cos((52.5 * Math.PI) / 180)) / 512;
  return [
    'interpolate',
    ['exponential', 2],
    ['zoom'],
    0,
    ['/', ['*', ['get', 'reachM'], scale], metresPerPixelAtZoom0],
    24,
    ['/', ['*', ['get', 'reachM'], scale * 2 ** 24], metresPerPixelAtZoom0],
  ] as unknown as ExpressionSpecification;
}

/** GeoJSON source of the postcode last searched for (one point). */
export const POSTCODE_SOURCE = 'postcode';

/** GeoJSON source of the target areas drawn as shapes (colour and selected flag per feature). */
export const AREA_SOURCE = 'target-areas';

/** Zoom from which routes' and points' reach is drawn (below it a 400 m buffer is a few pixels, and hundreds blur together). */
const REACH_MIN_ZOOM = 12;

export const LAYER = {
  background: 'background',
  lsoaFill: 'lsoa-fill',
  lsoaLine: 'lsoa-line',
  ladLine: 'lad-line',
  regionLine: 'region-line',
  schemeAreaListFill: 'scheme-area-list-fill',
  schemeBuffer: 'scheme-buffer',
  schemeCatchment: 'scheme-catchment',
  schemeCluster: 'scheme-cluster',
  schemeClusterCount: 'scheme-cluster-count',
  postcodePoint: 'postcode-point',
  schemeAreaFill: 'scheme-area-fill',
  schemeAreaCasing: 'scheme-area-casing',
  schemeAreaLine: 'scheme-area-line',
  schemeLineCasing: 'scheme-line-casing',
  schemeLine: 'scheme-line',
  gapCasing: 'gap-casing',
  gapLine: 'gap-line',
  schemePoint: 'scheme-point',
  areaLsoaLine: 'area-lsoa-line',
  areaShapeFill: 'area-shape-fill',
  areaShapeCasing: 'area-shape-casing',
  areaShapeLine: 'area-shape-line',
  highlightCasing: 'highlight-casing',
  highlightLine: 'highlight-line',
  hoverLine: 'hover-line',
  selectedCasing: 'selected-casing',
  selectedLine: 'selected-line',
  regionLabel: 'region-label',
  ladLabel: 'lad-label',
} as const;

const INK = '#0b0c0c';
const PAPER = '#ffffff';

/**
 * No `glyphs` in the style, so MapLibre (≥ 5.11) draws text with local fonts, treating text-font
 * as a CSS font-family list: the app needs no font server and works offline. The first name also
 * sets the weight MapLibre asks for.
 */
const LABEL_FONT = ['Segoe UI', 'Helvetica Neue', 'Arial', 'Liberation Sans', 'sans-serif'];
const HEADING_FONT = ['Segoe UI Semibold', 'Helvetica Neue', 'Arial', 'Liberation Sans', 'sans-serif'];

/** How strongly LSOAs are filled in and out of scope; weaker over a basemap so it shows through. */
const FILL_OPACITY = {
  plain: { inScope: 1, outOfScope: 0.2 },
  overBasemap: { inScope: 0.6, outOfScope: 0.1 },
} as const;

/** Tile feature ids are LSOA index + 1 (MapLibre treats id 0 as missing). */
export function featureIdOf(lsoa: number): number {
  return lsoa + 1;
}

export function lsoaOfFeatureId(id: string | number | undefined): number | null {
  return typeof id === 'number' && id >= 1 ? id - 1 : null;
}

export function decileColourExpression(key: IndicatorKey): ExpressionSpecification {
  const stops = DECILE_COLOURS.flatMap((colour, i) => [i + 1, colour]);
  return ['match', ['get', key], ...stops, NO_DECILE_COLOUR] as unknown as ExpressionSpecification;
}

/** Colours LSOAs by class (src/core/lsoa-colouring.ts), matched on feature id; the largest class is the fallback, so the table stays short. */
export function lsoaClassColourExpression(classified: Classified): ExpressionSpecification {
  const byClass = classified.classes.map(() => [] as number[]);
  classified.classOf.forEach((c, lsoa) => byClass[c]!.push(featureIdOf(lsoa)));
  const largest = byClass.reduce((best, ids, c) => (ids.length > byClass[best]!.length ? c : best), 0);
  const stops = byClass.flatMap((ids, c) => (c === largest || ids.length === 0 ? [] : [ids, classified.classes[c]!.colour]));
  if (stops.length === 0) return ['literal', classified.classes[largest]!.colour] as unknown as ExpressionSpecification;
  return ['match', ['id'], ...stops, classified.classes[largest]!.colour] as unknown as ExpressionSpecification;
}

/** Dims LSOAs outside a target area the dashboard shows, matched on feature id. */
export function areaFillOpacityExpression(lsoas: readonly number[], overBasemap: boolean): DataDrivenPropertyValueSpecification<number> {
  const opacity = overBasemap ? FILL_OPACITY.overBasemap : FILL_OPACITY.plain;
  if (lsoas.length === 0) return opacity.outOfScope;
  const ids = [...new Set(lsoas)].map(featureIdOf).sort((a, b) => a - b);
  return ['match', ['id'], ids, opacity.inScope, opacity.outOfScope] as unknown as DataDrivenPropertyValueSpecification<number>;
}

/** Dims LSOAs outside the scope, matched on the `lad` index each LSOA feature carries. */
export function fillOpacityExpression(
  lads: ReadonlySet<number> | null,
  overBasemap: boolean,
): DataDrivenPropertyValueSpecification<number> {
  const opacity = overBasemap ? FILL_OPACITY.overBasemap : FILL_OPACITY.plain;
  if (lads === null || lads.size === 0) return opacity.inScope;
  return ['match', ['get', 'lad'], [...lads].sort((a, b) => a - b), opacity.inScope, opacity.outOfScope];
}

export function lsoaIdFilter(lsoas: readonly number[]): FilterSpecification {
  return ['in', ['id'], ['literal', lsoas.map(featureIdOf)]];
}

/**
 * The same for a large set (thousands of gap LSOAs): `match` looks labels up in a table, where
 * `in` scans the list for every feature.
 */
export function lsoaIdSetFilter(lsoas: readonly number[]): FilterSpecification {
  if (lsoas.length === 0) return ['boolean', false];
  const ids = [...new Set(lsoas)].map(featureIdOf).sort((a, b) => a - b);
  return ['match', ['id'], ids, true, false] as unknown as FilterSpecification;
}

/**
 * Filter and colour for the LSOAs of schemes that name areas, in the colour of the dataset reaching
 * each. The colour is a `match` on feature id, as a data-driven colour needs no feature-state round trips.
 */
export function areaListPaint(lsoaColours: ReadonlyMap<number, string>): { filter: FilterSpecification; colour: ExpressionSpecification | string } {
  return lsoaColourPaint(lsoaColours, SCHEME_KIND_COLOURS.other);
}

/** A scheme's colour: its dataset's (the panel's swatch), written into the tiles by the worker (schemeTilesUrl). */
const SCHEME_COLOUR = ['coalesce', ['get', 'colour'], SCHEME_KIND_COLOURS.other] as unknown as ExpressionSpecification;

/** Filter and colour for some LSOAs each with its colour: a `match` on feature id, ids grouped by colour. */
function lsoaColourPaint(colourOf: ReadonlyMap<number, string>, fallback: string): { filter: FilterSpecification; colour: ExpressionSpecification | string } {
  if (colourOf.size === 0) return { filter: ['boolean', false], colour: fallback };
  const byColour = new Map<string, number[]>();
  for (const [lsoa, colour] of colourOf) {
    const ids = byColour.get(colour) ?? [];
    ids.push(featureIdOf(lsoa));
    byColour.set(colour, ids);
  }
  const stops = [...byColour].flatMap(([colour, ids]) => [ids.sort((a, b) => a - b), colour]);
  return { filter: lsoaIdSetFilter([...colourOf.keys()]), colour: ['match', ['id'], ...stops, fallback] as unknown as ExpressionSpecification };
}

/** The scheme layers, drawn by kind. */
export const SCHEME_LAYERS = [
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

export const GAP_LAYERS = [LAYER.gapCasing, LAYER.gapLine] as const;

/** LSOA outlines coloured by the target area they belong to (the selected area's take precedence). */
export function areaLsoaPaint(colourOf: ReadonlyMap<number, string>): { filter: FilterSpecification; colour: ExpressionSpecification | string } {
  return lsoaColourPaint(colourOf, INK);
}

const IS_AREA: FilterSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const IS_LINE: FilterSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];

export interface StyleInput {
  tilesUrl: string;
  indicator: IndicatorKey;
  lads: ReadonlySet<number> | null;
  minzoom: number;
}

export function buildStyle({ tilesUrl, indicator, lads, minzoom }: StyleInput): StyleSpecification {
  const none = lsoaIdFilter([]);
  return {
    version: 8,
    sources: {
      [SOURCE]: { type: 'vector', url: tilesUrl },
      [SCHEME_SOURCE]: { type: 'vector', tiles: [schemeTilesUrl(null)], maxzoom: SCHEME_TILES.maxZoom },
      [POSTCODE_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      [AREA_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: LAYER.background, type: 'background', paint: { 'background-color': '#e3e8ec' } },
      {
        id: LAYER.lsoaFill,
        type: 'fill',
        source: SOURCE,
        'source-layer': 'lsoa',
        paint: {
          'fill-color': decileColourExpression(indicator),
          'fill-opacity': fillOpacityExpression(lads, false),
        },
      },
      // What schemes reach, translucent and beneath the LSOA and district outlines, so both stay legible.
      {
        // Schemes that name areas: their LSOAs tinted in the kind's colour (see areaListPaint).
        id: LAYER.schemeAreaListFill,
        type: 'fill',
        source: SOURCE,
        'source-layer': 'lsoa',
        filter: ['boolean', false],
        paint: { 'fill-color': SCHEME_KIND_COLOURS.other, 'fill-opacity': 0.3 },
      },
      {
        id: LAYER.schemeAreaFill,
        type: 'fill',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.shapesLayer,
        filter: IS_AREA,
        paint: { 'fill-color': SCHEME_COLOUR, 'fill-opacity': 0.15 },
      },
      {
        // A route's reach, to scale: the edge of its walking buffer either side, with no tint. Dozens
        // of routes share a main road, and tints would add up until the deciles beneath were hidden;
        // edges of routes along one road coincide. Drawn from the zoom where the buffer is wide.
        id: LAYER.schemeBuffer,
        type: 'line',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.shapesLayer,
        filter: ['all', IS_LINE, ['>', ['get', 'reachM'], 0]] as FilterSpecification,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        minzoom: REACH_MIN_ZOOM,
        paint: { 'line-color': SCHEME_COLOUR, 'line-opacity': 0.45, 'line-width': 1, 'line-gap-width': metresToPixels(2) },
      },
      {
        // A point's catchment, to scale: its edge only, for the same reason as routes'.
        id: LAYER.schemeCatchment,
        type: 'circle',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.pointsLayer,
        filter: ['all', ['!', ['has', 'point_count']], ['>', ['get', 'reachM'], 0]],
        paint: {
          'circle-radius': metresToPixels(1),
          'circle-opacity': 0,
          'circle-stroke-color': SCHEME_COLOUR,
          'circle-stroke-width': 1,
          'circle-stroke-opacity': 0.5,
          'circle-pitch-alignment': 'map',
        },
      },
      {
        id: LAYER.lsoaLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        minzoom: 10,
        paint: {
          'line-color': PAPER,
          'line-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.15, 13, 0.45],
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.3, 14, 1],
        },
      },
      {
        id: LAYER.ladLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lad',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': PAPER,
          'line-opacity': 0.85,
          'line-width': ['interpolate', ['linear'], ['zoom'], minzoom, 0.4, 8, 1, 12, 2.5],
        },
      },
      {
        id: LAYER.regionLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'region',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': INK,
          'line-opacity': 0.7,
          'line-width': ['interpolate', ['linear'], ['zoom'], minzoom, 0.8, 8, 1.6, 12, 3],
        },
      },
      {
        id: LAYER.schemeAreaCasing,
        type: 'line',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.shapesLayer,
        filter: IS_AREA,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': CASING_COLOUR, 'line-width': 3.5 },
      },
      {
        id: LAYER.schemeAreaLine,
        type: 'line',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.shapesLayer,
        filter: IS_AREA,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': SCHEME_COLOUR, 'line-width': 1.5, 'line-dasharray': [3, 1.5] },
      },
      {
        id: LAYER.schemeLineCasing,
        type: 'line',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.shapesLayer,
        filter: IS_LINE,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': CASING_COLOUR, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.5, 12, 3.5, 15, 5] },
      },
      {
        id: LAYER.schemeLine,
        type: 'line',
        source: SCHEME_SOURCE,
        'source-layer': SCHEME_TILES.shapesLayer,
        filter: IS_LINE,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': SCHEME_COLOUR, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 12, 1.5, 15, 2.5] },
      },
      {
        id: LAYER.gapCasing,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        filter: ['boolean', false],
        layout: { 'line-join': 'round' },
        // Thin at country scale, where thousands of outlines would otherwise blanket the fill.
        paint: { 'line-color': CASING_COLOUR, 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0, 9, 2, 11, 4, 14, 7] },
      },
      {
        id: LAYER.gapLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        filter: ['boolean', false],
        layout: { 'line-join': 'round' },
        paint: { 'line-color': GAP_COLOUR, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.4, 8, 1, 11, 2.5, 14, 4] },
      },
      {
        // The LSOAs of target areas: those chosen, and those the selected area's shapes take in.
        id: LAYER.areaLsoaLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        filter: ['boolean', false],
        layout: { 'line-join': 'round' },
        paint: { 'line-color': INK, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 12, 2.5], 'line-dasharray': [2, 1] },
      },
      {
        id: LAYER.areaShapeFill,
        type: 'fill',
        source: AREA_SOURCE,
        filter: ['==', ['get', 'selected'], true],
        paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.12 },
      },
      {
        id: LAYER.areaShapeCasing,
        type: 'line',
        source: AREA_SOURCE,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': PAPER, 'line-width': ['case', ['==', ['get', 'selected'], true], 7, 5] },
      },
      {
        id: LAYER.areaShapeLine,
        type: 'line',
        source: AREA_SOURCE,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': ['get', 'colour'], 'line-width': ['case', ['==', ['get', 'selected'], true], 4, 2.5] },
      },
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
          'circle-color': INK,
          'circle-opacity': 0.85,
          'circle-radius': ['step', ['get', 'point_count'], 10, 10, 13, 100, 17, 1000, 22],
          'circle-stroke-color': PAPER,
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
        paint: { 'text-color': PAPER },
      },
      {
        id: LAYER.highlightCasing,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        filter: none,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': INK, 'line-width': 3.5 },
      },
      {
        id: LAYER.highlightLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        filter: none,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': PAPER, 'line-width': 1.5 },
      },
      {
        id: LAYER.hoverLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': INK,
          'line-width': 2.5,
          'line-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0],
        },
      },
      {
        id: LAYER.selectedCasing,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        filter: none,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': INK, 'line-width': 6 },
      },
      {
        id: LAYER.selectedLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        filter: none,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': PAPER, 'line-width': 2.5 },
      },
      {
        // The postcode searched for: a pin-head over the selected LSOA's outline.
        id: LAYER.postcodePoint,
        type: 'circle',
        source: POSTCODE_SOURCE,
        paint: { 'circle-color': INK, 'circle-radius': 7, 'circle-stroke-color': PAPER, 'circle-stroke-width': 3 },
      },
      {
        id: LAYER.regionLabel,
        type: 'symbol',
        source: SOURCE,
        'source-layer': 'region_label',
        maxzoom: 7.5,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': HEADING_FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], 5, 12, 7, 15],
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.06,
          'text-max-width': 8,
        },
        paint: { 'text-color': INK, 'text-halo-color': PAPER, 'text-halo-width': 1.6 },
      },
      {
        id: LAYER.ladLabel,
        type: 'symbol',
        source: SOURCE,
        'source-layer': 'lad_label',
        minzoom: 7.5,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], 7.5, 12, 12, 16],
          'text-max-width': 8,
        },
        paint: { 'text-color': INK, 'text-halo-color': PAPER, 'text-halo-width': 1.6 },
      },
    ],
  };
}
