// Region names at country scale, district names from zoom 7.5, over everything else.

import { MAP_COLOURS } from '../../theme';
import { HEADING_FONT, LABEL_FONT, LAYER, SOURCE } from '../style';
import type { LayerGroup } from './group';

export function labels(): LayerGroup {
  return {
    name: 'labels',
    layers: () => [
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
        paint: { 'text-color': MAP_COLOURS.ink, 'text-halo-color': MAP_COLOURS.paper, 'text-halo-width': 1.6 },
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
        paint: { 'text-color': MAP_COLOURS.ink, 'text-halo-color': MAP_COLOURS.paper, 'text-halo-width': 1.6 },
      },
    ],
  };
}
