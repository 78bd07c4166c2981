// Drawing a scheme by hand: while the scheme form asks for a shape, terra-draw (scheme-drawing.ts)
// places a point or lays out a route; anything else stops it.

import type { AppState } from '../../state/store';
import type { LayerGroup } from './group';

export function schemeDrawingTool(): LayerGroup<AppState['coverage']['editing']> {
  return {
    name: 'scheme drawing',
    select: (state) => state.coverage.editing,
    apply: (editing, _previous, { schemeDrawing }) => schemeDrawing.setShape(editing.kind === 'drawing' ? editing.shape : null),
  };
}
