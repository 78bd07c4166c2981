// The LSOA under the pointer: a dark outline shown through feature state, so hovering never
// changes a filter or a paint property.

import { MAP_COLOURS } from '../../theme';
import { featureIdOf, LAYER, SOURCE } from '../style';
import type { LayerGroup } from './group';

export function hover(): LayerGroup<number | null> {
  return {
    name: 'hover',
    layers: () => [
      {
        id: LAYER.hoverLine,
        type: 'line',
        source: SOURCE,
        'source-layer': 'lsoa',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': MAP_COLOURS.ink,
          'line-width': 2.5,
          'line-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0],
        },
      },
    ],
    select: (state) => state.hover,
    apply: (lsoa, previous, { map }) => {
      const feature = (index: number) => ({ source: SOURCE, sourceLayer: 'lsoa', id: featureIdOf(index) });
      if (previous !== undefined && previous !== null) map.setFeatureState(feature(previous), { hover: false });
      if (lsoa !== null) map.setFeatureState(feature(lsoa), { hover: true });
    },
  };
}
