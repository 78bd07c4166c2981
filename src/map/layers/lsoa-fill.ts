// The LSOA fill over the background, coloured by the indicator's deciles, or by a coverage
// colouring (src/core/lsoa-colouring.ts) when one is chosen. Switching indicator is a paint change:
// every LSOA feature carries every indicator's decile.

import type { ExpressionSpecification } from 'maplibre-gl';
import type { IndicatorKey } from '../../core/indicators';
import { DECILE_COLOURS, NO_DECILE_COLOUR } from '../../theme';
import type { Classified } from '../../core/lsoa-colouring';
import { selectLsoaColours, type LsoaColours } from '../../state/selectors';
import { MAP_COLOURS } from '../../theme';
import { featureIdOf, LAYER, SOURCE } from '../style';
import type { LayerGroup } from './group';
import { fillOpacityExpression } from './scope-dimming';

function decileColourExpression(key: IndicatorKey): ExpressionSpecification {
  const stops = DECILE_COLOURS.flatMap((colour, i) => [i + 1, colour]);
  return ['match', ['get', key], ...stops, NO_DECILE_COLOUR] as unknown as ExpressionSpecification;
}

/** Colours LSOAs by class, matched on feature id; the largest class is the fallback, so the table stays short. */
function lsoaClassColourExpression(classified: Classified): ExpressionSpecification {
  const byClass = classified.classes.map(() => [] as number[]);
  classified.classOf.forEach((c, lsoa) => byClass[c]!.push(featureIdOf(lsoa)));
  const largest = byClass.reduce((best, ids, c) => (ids.length > byClass[best]!.length ? c : best), 0);
  const stops = byClass.flatMap((ids, c) => (c === largest || ids.length === 0 ? [] : [ids, classified.classes[c]!.colour]));
  if (stops.length === 0) return ['literal', classified.classes[largest]!.colour] as unknown as ExpressionSpecification;
  return ['match', ['id'], ...stops, classified.classes[largest]!.colour] as unknown as ExpressionSpecification;
}

export function lsoaFill(): LayerGroup<{ indicator: IndicatorKey; colours: LsoaColours | null }> {
  return {
    name: 'LSOA fill',
    layers: ({ indicator, lads }) => [
      { id: LAYER.background, type: 'background', paint: { 'background-color': MAP_COLOURS.background } },
      {
        id: LAYER.lsoaFill,
        type: 'fill',
        source: SOURCE,
        'source-layer': 'lsoa',
        // The opacity is the scope's (scope-dimming.ts), set here too so the first frame is dimmed.
        paint: { 'fill-color': decileColourExpression(indicator), 'fill-opacity': fillOpacityExpression(lads, false) },
      },
    ],
    // The colouring is remembered by its inputs (the run, the colouring, the indicator's deciles), so the same object comes back until they change.
    select: (state) => ({ indicator: state.indicator, colours: selectLsoaColours(state) }),
    apply: ({ indicator, colours }, _previous, { map }) => {
      const colour = colours ? lsoaClassColourExpression(colours.classified) : decileColourExpression(indicator);
      // Built from ids, valid by construction: validating thousands of labels is main-thread work for nothing.
      map.setPaintProperty(LAYER.lsoaFill, 'fill-color', colour, { validate: false });
    },
  };
}
