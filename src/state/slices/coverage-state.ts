// `state.coverage`: one object the map and panels read, written by the coverage slices, each its
// own fields (datasets.ts, imports.ts, coverage-run.ts, scheme-editing.ts, themes.ts).

import { INITIAL_DATASETS, type DatasetsState } from './datasets';
import { INITIAL_IMPORTS, type ImportsState } from './imports';
import { INITIAL_RUN, type RunState } from './run-state';
import { INITIAL_SCHEME_EDITING, type SchemeEditingState } from './scheme-editing';
import { INITIAL_THEMES, type ThemesState } from './themes';

export type CoverageState = DatasetsState & ImportsState & RunState & SchemeEditingState & ThemesState;

export const INITIAL_COVERAGE: CoverageState = { ...INITIAL_DATASETS, ...INITIAL_IMPORTS, ...INITIAL_RUN, ...INITIAL_SCHEME_EDITING, ...INITIAL_THEMES };
