// LSOA, district and region outlines over the fill: thin white LSOA edges from zoom 10, white
// district edges, dark region edges. They never change.

import { MAP_COLOURS } from '../../theme';
import { LAYER, SOURCE } from '../style';
import type { LayerGroup } from './group';

export function boundaries(): LayerGroup {
  return {
    name: 'boundaries',
    layers: ({ minzoom }) => [
      {
        id: LAYER.lsoaLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        minzoom: 10,
        paint: {
          'line-color': MAP_COLOURS.paper,
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
          'line-color': MAP_COLOURS.paper,
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
          'line-color': MAP_COLOURS.ink,
          'line-opacity': 0.7,
          'line-width': ['interpolate', ['linear'], ['zoom'], minzoom, 0.8, 8, 1.6, 12, 3],
        },
      },
    ],
  };
}
