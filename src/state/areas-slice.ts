// The areas slices' exports under their former name, for the map and panels that import them from
// here (the slices themselves are in ./slices: areas, area-report, area-helpers).

export {
  AREA_DRAW_SHAPES,
  areaFootprint,
  copyName,
  currentRunKey,
  nextAreaName,
  polygonsBounds,
  sameDefinition,
  selectedArea,
  type AreaDrawShape,
  type AreaTool,
} from './slices/area-helpers';
export type { AreaStorage, AreasImport } from './slices/areas';
export type { AreaReportState, ReportParams } from './slices/area-report';
export { INITIAL_AREAS, type AreasState } from './slices/areas-state';
export type { AreaDownload } from './orchestration/areas';
