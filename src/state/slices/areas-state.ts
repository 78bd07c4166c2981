// `state.areas`: one object the map and panels read, written by the areas slices, each its own
// fields (areas.ts: the list, selection, tool and file import; area-report.ts: the selected area's
// figures).

import { INITIAL_AREA_LIST, type AreaListState } from './area-list-state';
import { INITIAL_AREA_REPORT, type AreaReportSliceState } from './area-report';

export type AreasState = AreaListState & AreaReportSliceState;

export const INITIAL_AREAS: AreasState = { ...INITIAL_AREA_LIST, ...INITIAL_AREA_REPORT };
