// Where subjects meet. Slices (../slices) each own one subject and never call another's actions;
// everything that crosses subjects is in this folder, as store-level actions (undo.ts,
// workspace.ts, navigation.ts, areas.ts) or as the reactions below, run after every change.
//
// Reactions (one subscriber, in this order):
//  1. The datasets shown change (their key, `schemesHash`): the scheme popup closes (an index
//     means another scheme now) and coverage runs on them, or the run is dropped when none is.
//  2. The scope changes while the dashboard shows a target area: it goes back to the scope.
//     Otherwise a new scope or indicator re-summarises the run (never reruns it).
//  3. A target area the dashboard shows is deleted (or undone away): back to the scope.
//  4. The selected area's report follows the areas, the selection, the coverage state (rule, run,
//     gap decile and definition, what-if) and the indicator (the slice asks only if they changed).
//  5. The selected area's report arrives for the area the dashboard shows: the dashboard follows it.
//  6. A run arrives after an import was confirmed: the map fits the imported schemes.
//  7. One drawing tool on the map at a time: an area tool turned on stops drawing a scheme, and
//     drawing a scheme turns the area tool off.
//  8. The datasets or the undo history change: the worker is told which sets of schemes to keep.
//  9. The details file arrives while a fly to an LSOA waits for its bounds: the map flies.
// Reactions 2 (re-summarising) and 4 run only with a coverage worker.

import type { AppStore } from '../store';
import type { SchemeSets } from '../scheme-sets';
import { summaryArea } from '../slices/summary-view';
import type { Pending } from './workspace';

export function installReactions(store: AppStore, options: { worker: boolean; schemeSets: SchemeSets; pending: Pending }): void {
  const { worker, schemeSets, pending } = options;
  store.subscribe((state, previous) => {
    const { coverage, areas } = state;
    const before = { coverage: previous.coverage, areas: previous.areas };

    if (coverage.schemesHash !== before.coverage.schemesHash) {
      state.closeScheme();
      state.followShownSchemes();
    }

    const scopeChanged = state.scope !== previous.scope;
    if (scopeChanged && coverage.areaScope) state.setAreaScope(null);
    else if (worker && (scopeChanged || state.indicator !== previous.indicator)) state.refreshCoverageSummary();

    const scoped = store.getState().coverage.areaScope;
    if (areas.list !== before.areas.list && scoped && !areas.list.some((area) => area.id === scoped.id)) state.setAreaScope(null);

    if (
      worker &&
      (areas.list !== before.areas.list ||
        areas.selectedId !== before.areas.selectedId ||
        coverage !== before.coverage ||
        state.indicator !== previous.indicator)
    ) {
      state.refreshAreaReport();
    }

    const report = store.getState().areas.report;
    if (report !== before.areas.report && report.status === 'ready' && store.getState().coverage.areaScope?.id === report.areaId) {
      const area = report.asked.area;
      state.setAreaScope(summaryArea(area.id, area.name, report.report.lsoas));
    }

    if (coverage.result !== before.coverage.result && coverage.result && pending.fitAfterRun) {
      const bounds = pending.fitAfterRun;
      pending.fitAfterRun = null;
      state.moveCamera({ kind: 'bounds', bounds, maxZoom: 14 }, true);
    }

    if (areas.tool !== before.areas.tool && areas.tool.kind !== 'none' && store.getState().coverage.editing.kind === 'drawing') state.startDrawing(null);
    if (coverage.editing !== before.coverage.editing && coverage.editing.kind === 'drawing' && store.getState().areas.tool.kind !== 'none')
      state.startAreaTool({ kind: 'none' });

    if (coverage.datasets !== before.coverage.datasets || state.history !== previous.history) schemeSets.retain(false);

    if (state.details !== previous.details && state.details.status === 'ready' && state.pendingFlyLsoa !== null) state.flyToLsoa(state.pendingFlyLsoa);
  });
}
