// The target-area tool chosen in the areas panel: terra-draw (area-drawing.ts) draws or edits the
// selected area's shapes; choosing LSOAs by clicking shows a "copy" cursor.

import { selectedArea } from '../../state/slices/area-helpers';
import type { AppState } from '../../state/store';
import type { LayerGroup } from './group';

interface AreaToolSlice {
  tool: AppState['areas']['tool'];
  /** Any change to the list puts the cursor back (a click on an LSOA changes it). */
  list: AppState['areas']['list'];
  area: ReturnType<typeof selectedArea>;
}

export function areaTool(): LayerGroup<AreaToolSlice> {
  return {
    name: 'area tool',
    select: (state) => ({ tool: state.areas.tool, list: state.areas.list, area: selectedArea(state) }),
    apply: ({ tool, area }, _previous, { map, areaDrawing }) => {
      const shapes = area?.definition.kind === 'shapes' ? { id: area.id, polygons: area.definition.polygons } : null;
      areaDrawing.apply(tool, shapes);
      if (tool.kind === 'lsoas') map.getCanvas().style.cursor = 'copy';
    },
  };
}
