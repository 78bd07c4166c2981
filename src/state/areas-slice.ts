// The areas slices' exports under their former name, for the map and panels that import them from
// here. The slices themselves are in ./slices (areas, area-report, area-helpers); new code imports
// from there.

export { AREA_DRAW_SHAPES, currentRunKey, sameDefinition, selectedArea, type AreaDrawShape, type AreaTool } from './slices/area-helpers';
