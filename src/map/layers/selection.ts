// The selected LSOA: a thick dark outline with a white line inside, over the fill and the other
// outlines (line work, never a change of fill).

import { selectedLsoa } from '../../state/slices/panel';
import { casedLine } from '../cased-line';
import { MAP_COLOURS } from '../../theme';
import { LAYER, lsoaIdFilter, SOURCE } from '../style';
import type { LayerGroup } from './group';

export function selection(): LayerGroup<number | null> {
  return {
    name: 'selected LSOA',
    layers: () =>
      casedLine({
        id: LAYER.selectedLine,
        casingId: LAYER.selectedCasing,
        source: SOURCE,
        sourceLayer: 'lsoa',
        filter: lsoaIdFilter([]),
        line: { colour: MAP_COLOURS.paper, width: 2.5 },
        casing: { colour: MAP_COLOURS.ink, width: 6 },
      }),
    select: (state) => selectedLsoa(state.panel),
    apply: (selected, _previous, { map }) => {
      const filter = lsoaIdFilter(selected === null ? [] : [selected]);
      map.setFilter(LAYER.selectedCasing, filter);
      map.setFilter(LAYER.selectedLine, filter);
    },
  };
}
