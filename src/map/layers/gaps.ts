// Gaps (LSOAs in the most deprived deciles that no scheme reaches, in scope) as a thick red outline
// with a white casing: line work over the fill and the schemes' lines, never a change of fill.

import { CASING_COLOUR, GAP_COLOUR } from '../../theme';
import type { AppState } from '../../state/store';
import { casedLine } from '../cased-line';
import { LAYER, lsoaIdSetFilter, NO_FEATURES, SOURCE } from '../style';
import type { LayerGroup } from './group';

export function gaps(): LayerGroup<{ summary: AppState['coverage']['summary']; showGaps: boolean }> {
  return {
    name: 'gap outlines',
    layers: () =>
      casedLine({
        id: LAYER.gapLine,
        casingId: LAYER.gapCasing,
        source: SOURCE,
        sourceLayer: 'lsoa',
        filter: NO_FEATURES,
        line: { colour: GAP_COLOUR, width: ['interpolate', ['linear'], ['zoom'], 5, 0.4, 8, 1, 11, 2.5, 14, 4] },
        // Thin at country scale, where thousands of outlines would otherwise blanket the fill.
        casing: { colour: CASING_COLOUR, width: ['interpolate', ['linear'], ['zoom'], 7, 0, 9, 2, 11, 4, 14, 7] },
      }),
    select: (state) => ({ summary: state.coverage.summary, showGaps: state.coverage.showGaps }),
    apply: ({ summary, showGaps }, _previous, { map }) => {
      const filter = lsoaIdSetFilter(showGaps && summary ? summary.summary.gaps.map((gap) => gap.index) : []);
      // Built from ids, valid by construction: validating thousands of labels is main-thread work for nothing.
      for (const layer of [LAYER.gapCasing, LAYER.gapLine]) map.setFilter(layer, filter, { validate: false });
    },
  };
}
