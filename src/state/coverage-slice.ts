// The coverage slices' exports under their former name, for the map and panels that import them
// from here (the slices themselves are in ./slices: datasets, imports, coverage-run,
// scheme-editing, themes, summary-view).

export type { Dataset } from '../data/dataset';
export { DATASET_COLOURS, visibleSchemes, type WorkspaceStorage } from './slices/datasets';
export type { ImportState, MappingMemory } from './slices/imports';
export type { CoverageResultState, CoverageStatus, Measuring } from './slices/coverage-run';
export { DRAWN_REACH_M, newDrawnScheme, type DrawnShape, type DrawShape, type OpenScheme, type SchemeEditing } from './slices/scheme-editing';
export type { ThemeStorage } from './slices/themes';
export { INITIAL_COVERAGE, type CoverageState } from './slices/coverage-state';
export type { PanelTab } from './slices/panel';
export {
  coverageView,
  GAP_DISTANCES_MEASURED,
  gapNearestKm,
  gapsToMeasure,
  sameView,
  summaryArea,
  summaryState,
  withMeasured,
  type SummaryState,
} from './slices/summary-view';
