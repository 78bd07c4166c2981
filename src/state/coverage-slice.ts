// The coverage slices' exports under their former name, for the map and panels that import them
// from here. The slices themselves are in ./slices (datasets, imports, coverage-run,
// scheme-editing, themes, summary-view); new code imports from there.

export type { MappingMemory } from './slices/imports';
export type { DrawnShape, DrawShape, SchemeEditing } from './slices/scheme-editing';
export type { ThemeStorage } from './slices/themes';
export type { CoverageState } from './slices/coverage-state';
export type { PanelTab } from './slices/panel';
export { coverageView, GAP_DISTANCES_MEASURED, sameView, type SummaryState } from './slices/summary-view';
