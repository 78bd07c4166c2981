// Taking the view from the store as a snapshot (a slide's or a link's), and its link form. The
// snapshot names everything by code or id (src/core/view-snapshot.ts); applying one goes through
// the store's own actions (orchestration/slides.ts, applyViewExtras).

import { scopeRefOf } from '../core/scope';
import { DEFAULT_VINTAGE, type LinkedArea, type ViewSnapshot } from '../core/view-snapshot';
import type { LinkExtras } from './link-view';
import { selectedLsoa } from './slices/panel';
import type { AppState } from './store';
import type { UrlView } from './url';

export function snapshotOf(state: AppState): ViewSnapshot {
  const lsoa = selectedLsoa(state.panel);
  const { coverage, areas } = state;
  return {
    camera: state.camera,
    indicator: state.indicator,
    vintage: DEFAULT_VINTAGE,
    scope: scopeRefOf(state.attributes, state.scope),
    colourBy: coverage.colourBy,
    rule: coverage.rule,
    gapDecile: coverage.gapDecile,
    gapDefinition: coverage.gapDefinition,
    filter: coverage.filter,
    datasets: coverage.datasets.filter((d) => d.visible).map((d) => ({ id: d.id, name: d.name })),
    areas: areas.list.filter((a) => a.visible).map((a) => a.id),
    lsoa: lsoa === null ? null : (state.attributes.codes[lsoa] ?? null),
    area: areas.selectedId,
  };
}

/** The snapshot as a link holds it; `carried`: the areas it shows, sent whole when small (link-view.ts). */
export function urlViewOfSnapshot(snapshot: ViewSnapshot, carried: readonly LinkedArea[] = []): UrlView {
  const { camera, indicator, scope, lsoa, ...rest } = snapshot;
  const extras: LinkExtras = { ...rest, carried: [...carried] };
  return { camera, indicator, scope, lsoa, extras };
}

/** The link's view of the store now, with the shown areas carried when small. */
export function urlViewOf(state: AppState): UrlView {
  const snapshot = snapshotOf(state);
  const carried = state.areas.list.filter((a) => a.visible).map(({ id, name, colour, definition }) => ({ id, name, colour, definition }));
  return urlViewOfSnapshot(snapshot, carried);
}
