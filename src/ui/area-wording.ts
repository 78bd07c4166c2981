// What the area tools and an area's membership mean, in words: for the banner over the map and
// the selected area's figures.

import { describeMembership, type CoverageRule } from '../core/coverage-rule';
import type { TargetArea } from '../core/target-area';
import type { AreaTool } from '../state/slices/area-helpers';

/** What a click does with each tool on, for the banner over the map. */
export function toolInstructions(tool: AreaTool): string | null {
  switch (tool.kind) {
    case 'none':
      return null;
    case 'draw':
      switch (tool.shape) {
        case 'polygon':
          return 'Click each corner; click the first corner again or press Enter to finish. Esc drops it.';
        case 'freehand':
          return 'Click to start, move round the area, click to finish. Esc drops it.';
        case 'rectangle':
          return 'Click one corner, move, click the opposite corner. Esc drops it.';
        case 'circle':
          return 'Click the centre, move out to the edge, click to finish. Esc drops it.';
      }
      return null;
    case 'edit':
      return 'Drag a shape to move it; drag a corner or a midpoint to reshape it. Click a shape, then press Delete to remove it.';
    case 'lsoas':
      return 'Click an LSOA to add it to the selected area, or click it again to take it out.';
    case 'lasso':
      return 'Click, loop round the LSOAs to add (their centres inside count), click to finish.';
  }
}

/** Which LSOAs belong to an area, in words, for the rule in force. */
export function membershipRule(area: TargetArea, rule: CoverageRule): string {
  if (area.definition.kind === 'lsoas') return 'The LSOAs you chose, exactly; schemes reach them by the coverage rule.';
  return describeMembership(rule);
}
