// The MapLibre style GapMap draws with, put together from the layer groups (src/map/layers/): each
// group brings its sources and layers, and LAYER below says in which order they are drawn. Also the
// expressions several groups share: every LSOA tile feature carries every indicator's decile, and
// its feature id is its LSOA index + 1, so restyling is a paint or filter change, never a reload.

import { FONTS } from '../theme';
import type { ExpressionSpecification, FilterSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { IndicatorKey } from '../core/indicators';
import type { LayerGroup } from './layers/group';

/** The LSOA, district and region tiles (PMTiles), with the labels' points. */
export const SOURCE = 'gapmap';

/** Every layer id, in drawing order (first is drawn lowest). E2e tests and the map's events use these ids. */
export const LAYER = {
  background: 'background',
  lsoaFill: 'lsoa-fill',
  // What schemes reach, translucent and beneath the LSOA and district outlines, so both stay legible.
  schemeAreaListFill: 'scheme-area-list-fill',
  schemeAreaFill: 'scheme-area-fill',
  schemeBuffer: 'scheme-buffer',
  schemeCatchment: 'scheme-catchment',
  lsoaLine: 'lsoa-line',
  ladLine: 'lad-line',
  regionLine: 'region-line',
  schemeAreaCasing: 'scheme-area-casing',
  schemeAreaLine: 'scheme-area-line',
  schemeLineCasing: 'scheme-line-casing',
  schemeLine: 'scheme-line',
  gapCasing: 'gap-casing',
  gapLine: 'gap-line',
  areaLsoaLine: 'area-lsoa-line',
  areaShapeFill: 'area-shape-fill',
  areaShapeCasing: 'area-shape-casing',
  areaShapeLine: 'area-shape-line',
  schemePoint: 'scheme-point',
  schemeCluster: 'scheme-cluster',
  schemeClusterCount: 'scheme-cluster-count',
  highlightCasing: 'highlight-casing',
  highlightLine: 'highlight-line',
  hoverLine: 'hover-line',
  selectedCasing: 'selected-casing',
  selectedLine: 'selected-line',
  postcodePoint: 'postcode-point',
  regionLabel: 'region-label',
  ladLabel: 'lad-label',
} as const;

/**
 * No `glyphs` in the style, so MapLibre (≥ 5.11) draws text with local fonts, treating text-font
 * as a CSS font-family list: the app needs no font server and works offline. The first name also
 * sets the weight MapLibre asks for.
 */
export const LABEL_FONT = [...FONTS.body];
export const HEADING_FONT = [...FONTS.bodySemibold];

/** A filter no feature passes: layers that show nothing until the state names what to show. */
export const NO_FEATURES: FilterSpecification = ['boolean', false];

/** Tile feature ids are LSOA index + 1 (MapLibre treats id 0 as missing). */
export function featureIdOf(lsoa: number): number {
  return lsoa + 1;
}

export function lsoaOfFeatureId(id: string | number | undefined): number | null {
  return typeof id === 'number' && id >= 1 ? id - 1 : null;
}

export function lsoaIdFilter(lsoas: readonly number[]): FilterSpecification {
  return ['in', ['id'], ['literal', lsoas.map(featureIdOf)]];
}

/**
 * The same for a large set (thousands of gap LSOAs): `match` looks labels up in a table, where
 * `in` scans the list for every feature.
 */
export function lsoaIdSetFilter(lsoas: readonly number[]): FilterSpecification {
  if (lsoas.length === 0) return NO_FEATURES;
  const ids = [...new Set(lsoas)].map(featureIdOf).sort((a, b) => a - b);
  return ['match', ['id'], ids, true, false] as unknown as FilterSpecification;
}

/**
 * Filter and colour for some LSOAs each with its colour: a `match` on feature id, ids grouped by
 * colour. A data-driven colour needs no feature-state round trips.
 */
export function lsoaColourPaint(
  colourOf: ReadonlyMap<number, string>,
  fallback: string,
): { filter: FilterSpecification; colour: ExpressionSpecification | string } {
  if (colourOf.size === 0) return { filter: NO_FEATURES, colour: fallback };
  const byColour = new Map<string, number[]>();
  for (const [lsoa, colour] of colourOf) {
    const ids = byColour.get(colour) ?? [];
    ids.push(featureIdOf(lsoa));
    byColour.set(colour, ids);
  }
  const stops = [...byColour].flatMap(([colour, ids]) => [ids.sort((a, b) => a - b), colour]);
  return { filter: lsoaIdSetFilter([...colourOf.keys()]), colour: ['match', ['id'], ...stops, fallback] as unknown as ExpressionSpecification };
}

/** What the first frame needs to know: where the tiles are, and the indicator and scope to paint. */
export interface StyleInput {
  tilesUrl: string;
  indicator: IndicatorKey;
  lads: ReadonlySet<number> | null;
  minzoom: number;
}

const DRAWING_ORDER = new Map<string, number>(Object.values(LAYER).map((id, position) => [id, position]));

/** The style: the LSOA tiles, then each group's sources, and every group's layers in LAYER's order. */
export function buildStyle(input: StyleInput, groups: readonly LayerGroup[]): StyleSpecification {
  const sources: Record<string, SourceSpecification> = { [SOURCE]: { type: 'vector', url: input.tilesUrl } };
  const layers: LayerSpecification[] = [];
  for (const group of groups) {
    Object.assign(sources, group.sources?.(input));
    layers.push(...(group.layers?.(input) ?? []));
  }
  const positionOf = (layer: LayerSpecification): number => {
    const position = DRAWING_ORDER.get(layer.id);
    if (position === undefined) throw new Error(`Map layer ${layer.id} is not in LAYER, so it has no place in the drawing order.`);
    return position;
  };
  layers.sort((a, b) => positionOf(a) - positionOf(b));
  const missing = [...DRAWING_ORDER.keys()].filter((id, position) => layers[position]?.id !== id);
  if (layers.length !== DRAWING_ORDER.size || missing.length > 0) throw new Error(`Map layers missing or defined twice: ${missing.join(', ')}.`);
  return { version: 8, sources, layers };
}
