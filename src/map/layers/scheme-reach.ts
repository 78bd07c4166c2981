// What routes and points reach, to scale: the edge of a route's buffer either side and of a point's
// catchment, with no tint. Dozens of routes share a main road, and tints would add up until the
// deciles beneath were hidden; edges of routes along one road coincide. Drawn from the zoom where
// the buffer is wide, beneath the LSOA outlines. Shown and hidden with the schemes (schemes.ts).

import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import { SCHEME_TILES } from '../../core/scheme-features';
import { LAYER } from '../style';
import type { LayerGroup } from './group';
import { IS_LINE, SCHEME_COLOUR, SCHEME_SOURCE } from './schemes';

/** Zoom from which routes' and points' reach is drawn (below it a 400 m buffer is a few pixels, and hundreds blur together). */
const REACH_MIN_ZOOM = 12;

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

export function schemeReach(): LayerGroup {
  return {
    name: 'scheme reach',
    layers: () => [
      {
        // A route's reach: the edge of its walking buffer either side (a gap the width of the buffer).
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
        // A point's catchment: its edge only, for the same reason as routes'.
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
    ],
  };
}
