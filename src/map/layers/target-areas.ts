// Target areas: drawn shapes as cased outlines in their colour (the selected one thicker and lightly
// filled) from a GeoJSON source, and chosen LSOAs (or those the selected area's shapes take in,
// once its report has found them) as dashed outlines on the LSOA tiles, by colour.

import type { ExpressionSpecification, GeoJSONSource } from 'maplibre-gl';
import type { AppState } from '../../state/store';
import { casedLine } from '../cased-line';
import { MAP_COLOURS } from '../../theme';
import { LAYER, lsoaColourPaint, NO_FEATURES, SOURCE } from '../style';
import type { LayerGroup } from './group';

/** GeoJSON source of the target areas drawn as shapes (colour and selected flag per feature). */
const AREA_SOURCE = 'target-areas';

const IS_SELECTED: ExpressionSpecification = ['==', ['get', 'selected'], true];

interface TargetAreasSlice {
  list: AppState['areas']['list'];
  selectedId: AppState['areas']['selectedId'];
  report: AppState['areas']['report'];
  lsoaByCode: AppState['lsoaByCode'];
}

/** Each LSOA of a visible area with that area's colour; the selected area's take precedence. */
function lsoaColours({ list, selectedId, report, lsoaByCode }: TargetAreasSlice): Map<number, string> {
  const colourOf = new Map<number, string>();
  for (const area of list) {
    if (!area.visible || area.definition.kind !== 'lsoas') continue;
    for (const code of area.definition.codes) {
      const lsoa = lsoaByCode.get(code);
      if (lsoa !== undefined) colourOf.set(lsoa, area.colour);
    }
  }
  const selected = list.find((area) => area.id === selectedId);
  if (selected && report.status === 'ready' && report.areaId === selected.id) for (const lsoa of report.report.lsoas) colourOf.set(lsoa, selected.colour);
  return colourOf;
}

export function targetAreas(): LayerGroup<TargetAreasSlice> {
  return {
    name: 'target areas',
    sources: () => ({ [AREA_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } }),
    layers: () => [
      {
        // The LSOAs of target areas: those chosen, and those the selected area's shapes take in.
        id: LAYER.areaLsoaLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        filter: NO_FEATURES,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': MAP_COLOURS.ink, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 12, 2.5], 'line-dasharray': [2, 1] },
      },
      {
        id: LAYER.areaShapeFill,
        type: 'fill',
        source: AREA_SOURCE,
        filter: ['==', ['get', 'selected'], true],
        paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.12 },
      },
      ...casedLine({
        id: LAYER.areaShapeLine,
        casingId: LAYER.areaShapeCasing,
        source: AREA_SOURCE,
        line: { colour: ['get', 'colour'], width: ['case', IS_SELECTED, 4, 2.5] },
        casing: { colour: MAP_COLOURS.paper, width: ['case', IS_SELECTED, 7, 5] },
      }),
    ],
    select: (state) => ({ list: state.areas.list, selectedId: state.areas.selectedId, report: state.areas.report, lsoaByCode: state.lsoaByCode }),
    apply: (slice, _previous, { map }) => {
      const { list, selectedId } = slice;
      const features = list
        .filter((area) => area.visible && area.definition.kind === 'shapes')
        .map((area) => ({
          type: 'Feature' as const,
          properties: { colour: area.colour, selected: area.id === selectedId },
          geometry: { type: 'MultiPolygon' as const, coordinates: area.definition.kind === 'shapes' ? area.definition.polygons : [] },
        }));
      map.getSource<GeoJSONSource>(AREA_SOURCE)?.setData({ type: 'FeatureCollection', features });
      const { filter, colour } = lsoaColourPaint(lsoaColours(slice), MAP_COLOURS.ink);
      // Built from ids, valid by construction: validating thousands of labels is main-thread work for nothing.
      map.setFilter(LAYER.areaLsoaLine, filter, { validate: false });
      map.setPaintProperty(LAYER.areaLsoaLine, 'line-color', colour, { validate: false });
    },
  };
}
