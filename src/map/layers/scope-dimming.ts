// Dims the LSOAs outside the scope (a district, county or region), or outside the target area the
// coverage dashboard shows, by the LSOA fill's opacity. Lighter over a basemap, so it shows through.

import type { DataDrivenPropertyValueSpecification } from 'maplibre-gl';
import { ladsInScope } from '../../core/scope';
import type { AppState } from '../../state/store';
import { featureIdOf, LAYER } from '../style';
import type { LayerGroup } from './group';

/** How strongly LSOAs are filled in and out of scope; weaker over a basemap so it shows through. */
const FILL_OPACITY = {
  plain: { inScope: 1, outOfScope: 0.2 },
  overBasemap: { inScope: 0.6, outOfScope: 0.1 },
} as const;

/** Dims LSOAs outside a target area the dashboard shows, matched on feature id. */
function areaFillOpacityExpression(lsoas: readonly number[], overBasemap: boolean): DataDrivenPropertyValueSpecification<number> {
  const opacity = overBasemap ? FILL_OPACITY.overBasemap : FILL_OPACITY.plain;
  if (lsoas.length === 0) return opacity.outOfScope;
  const ids = [...new Set(lsoas)].map(featureIdOf).sort((a, b) => a - b);
  return ['match', ['id'], ids, opacity.inScope, opacity.outOfScope] as unknown as DataDrivenPropertyValueSpecification<number>;
}

/** Dims LSOAs outside the scope, matched on the `lad` index each LSOA feature carries. */
export function fillOpacityExpression(lads: ReadonlySet<number> | null, overBasemap: boolean): DataDrivenPropertyValueSpecification<number> {
  const opacity = overBasemap ? FILL_OPACITY.overBasemap : FILL_OPACITY.plain;
  if (lads === null || lads.size === 0) return opacity.inScope;
  return ['match', ['get', 'lad'], [...lads].sort((a, b) => a - b), opacity.inScope, opacity.outOfScope];
}

interface DimmingSlice {
  attributes: AppState['attributes'];
  scope: AppState['scope'];
  areaScope: AppState['coverage']['areaScope'];
  overBasemap: boolean;
}

export function scopeDimming(): LayerGroup<DimmingSlice> {
  return {
    name: 'scope dimming',
    select: (state, { overBasemap }) => ({ attributes: state.attributes, scope: state.scope, areaScope: state.coverage.areaScope, overBasemap }),
    apply: ({ attributes, scope, areaScope, overBasemap }, _previous, { map }) => {
      // The coverage dashboard showing a target area dims the rest, as a scope does.
      const opacity = areaScope ? areaFillOpacityExpression(areaScope.lsoas, overBasemap) : fillOpacityExpression(ladsInScope(attributes, scope), overBasemap);
      // Built from ids, valid by construction: validating thousands of labels is main-thread work for nothing.
      map.setPaintProperty(LAYER.lsoaFill, 'fill-opacity', opacity, { validate: false });
    },
  };
}
