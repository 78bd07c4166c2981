// Schemes that name areas (a ward, a district) have no shape: once a run has found their LSOAs,
// those are tinted in the colour of the dataset reaching each, beneath the outlines.

import { SCHEME_KIND_COLOURS } from '../../theme';
import { selectAreaListLsoas } from '../../state/selectors';
import { LAYER, lsoaColourPaint, NO_FEATURES, SOURCE } from '../style';
import { derived, type LayerGroup } from './group';

export function schemeAreaLists(): LayerGroup<ReadonlyMap<number, string>> {
  // The LSOAs and colours depend only on the run, the schemes shown and the datasets' colours.
  const lsoaColours = derived((state) => [state.coverage.schemesHash, state.coverage.result, state.coverage.datasets], selectAreaListLsoas);
  return {
    name: 'scheme area lists',
    layers: () => [
      {
        id: LAYER.schemeAreaListFill,
        type: 'fill',
        source: SOURCE,
        'source-layer': 'lsoa',
        filter: NO_FEATURES,
        paint: { 'fill-color': SCHEME_KIND_COLOURS.other, 'fill-opacity': 0.3 },
      },
    ],
    select: lsoaColours,
    apply: (colourOf, _previous, { map }) => {
      const { filter, colour } = lsoaColourPaint(colourOf, SCHEME_KIND_COLOURS.other);
      // Built here from ids, so valid by construction: validating thousands of labels is main-thread work for nothing.
      map.setFilter(LAYER.schemeAreaListFill, filter, { validate: false });
      map.setPaintProperty(LAYER.schemeAreaListFill, 'fill-color', colour, { validate: false });
    },
  };
}
