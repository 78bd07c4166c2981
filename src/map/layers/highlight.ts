// The ward or MSOA the panel shows (or the selected LSOA came from): its LSOAs outlined, dark with
// a white line inside, under the selected LSOA's outline. Members come from the details file.

import type { AppState } from '../../state/store';
import { highlightedArea } from '../../state/slices/panel';
import { lsoasInArea } from '../../state/orchestration/navigation';
import { casedLine } from '../cased-line';
import { MAP_COLOURS } from '../../theme';
import { LAYER, lsoaIdFilter, SOURCE } from '../style';
import type { LayerGroup } from './group';

interface HighlightSlice {
  area: ReturnType<typeof highlightedArea>;
  details: AppState['details'];
}

export function highlight(): LayerGroup<HighlightSlice> {
  return {
    name: 'ward or MSOA highlight',
    layers: () =>
      casedLine({
        id: LAYER.highlightLine,
        casingId: LAYER.highlightCasing,
        source: SOURCE,
        sourceLayer: 'lsoa',
        filter: lsoaIdFilter([]),
        line: { colour: MAP_COLOURS.paper, width: 1.5 },
        casing: { colour: MAP_COLOURS.ink, width: 3.5 },
      }),
    select: (state) => ({ area: highlightedArea(state.panel), details: state.details }),
    apply: ({ area, details }, _previous, { map }) => {
      const loaded = details.status === 'ready' ? details.details : null;
      const filter = lsoaIdFilter(area && loaded ? lsoasInArea(loaded, area) : []);
      map.setFilter(LAYER.highlightCasing, filter);
      map.setFilter(LAYER.highlightLine, filter);
    },
  };
}
