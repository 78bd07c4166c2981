// The postcode last searched for: a pin-head over the selected LSOA's outline.

import type { GeoJSONSource } from 'maplibre-gl';
import type { AppState } from '../../state/store';
import { MAP_COLOURS } from '../../theme';
import { LAYER } from '../style';
import type { LayerGroup } from './group';

/** GeoJSON source of the postcode last searched for (one point). */
const POSTCODE_SOURCE = 'postcode';

export function postcode(): LayerGroup<AppState['postcodeMarker']> {
  return {
    name: 'postcode marker',
    sources: () => ({ [POSTCODE_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } }),
    layers: () => [
      {
        id: LAYER.postcodePoint,
        type: 'circle',
        source: POSTCODE_SOURCE,
        paint: { 'circle-color': MAP_COLOURS.ink, 'circle-radius': 7, 'circle-stroke-color': MAP_COLOURS.paper, 'circle-stroke-width': 3 },
      },
    ],
    select: (state) => state.postcodeMarker,
    apply: (marker, _previous, { map }) => {
      map.getSource<GeoJSONSource>(POSTCODE_SOURCE)?.setData({
        type: 'FeatureCollection',
        features: marker
          ? [{ type: 'Feature', properties: { postcode: marker.postcode }, geometry: { type: 'Point', coordinates: [marker.lon, marker.lat] } }]
          : [],
      });
    },
  };
}
