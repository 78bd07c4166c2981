// Store-level actions that move through the map: selecting an LSOA, ward or MSOA (the panel shows
// it, its details load, the map flies to it), the search box's choices and postcodes (leaving a
// scope the place is outside), opening the coverage tab (the map fits the scope), and a link
// opened in this tab (indicator, scope, LSOA and camera at once).

import { ENGLAND, ladsInScope, resolveScopeRef, scopeBounds, unionBounds, type Bounds } from '../../core/scope';
import type { SearchEntry } from '../../core/search';
import { lsoaBoundsAt, type DetailsFile } from '../../data/schema';
import type { SliceCreator } from '../slices/context';
import { selectedLsoa, type AreaSelection } from '../slices/panel';
import { AREA_MAX_ZOOM, defaultIndicator } from '../slices/view';
import type { AppState } from '../store';
import type { UrlView } from '../url';

/** Closest zoom for flying to one LSOA: the smallest are a few streets across. */
const LSOA_MAX_ZOOM = 14;
/** How close the map comes to a postcode: a street or two around it. */
const POSTCODE_ZOOM = 15;

export type PostcodeLookup = { ok: true; postcode: string; lon: number; lat: number; lsoa: number } | { ok: false; reason: string };

export interface NavigationActions {
  /** `keepTab`: select without bringing the details tab to the front (from the gap list). */
  selectLsoa: (lsoa: number, options: { fly: boolean; keepTab?: boolean }) => void;
  showArea: (area: AreaSelection) => void;
  /** Fits the map to an LSOA; its bounds come with the details, so this may wait for them. */
  flyToLsoa: (lsoa: number) => void;
  openCoverage: () => void;
  chooseSearchEntry: (entry: SearchEntry) => void;
  /** Looks a postcode up, flies to it and shows its LSOA; says why when it is not found. */
  goToPostcode: (text: string) => Promise<void>;
  /** A link opened in this tab (back/forward, edited hash): show what it names. */
  applyUrlView: (view: UrlView) => void;
}

function lsoaBounds(details: DetailsFile, lsoa: number): Bounds {
  return lsoaBoundsAt(details.bbox, lsoa);
}

export function lsoasInArea(details: DetailsFile, area: AreaSelection): number[] {
  const column = area.kind === 'ward' ? details.ward : details.msoa;
  const lsoas: number[] = [];
  column.forEach((value, lsoa) => {
    if (value === area.index) lsoas.push(lsoa);
  });
  return lsoas;
}

/** Searching for a place outside the scope means leaving it: otherwise the place shows dimmed. */
function leaveScopeUnlessInside(state: AppState, lsoas: readonly number[]): void {
  const lads = ladsInScope(state.attributes, state.scope);
  if (lads && lsoas.some((lsoa) => !lads.has(state.attributes.lad[lsoa] ?? -1))) {
    state.setScope(ENGLAND, { fit: false });
  }
}

export const navigationActions: SliceCreator<NavigationActions> =
  ({ deps }) =>
  (_set, get) => ({
    selectLsoa: (lsoa, { fly, keepTab = false }) => {
      if (lsoa < 0 || lsoa >= get().attributes.count) return;
      get().showLsoa(lsoa, keepTab);
      get().loadDetails();
      if (fly) get().flyToLsoa(lsoa);
    },

    showArea: (area) => {
      get().showAreaPanel(area);
      const { details } = get();
      if (details.status !== 'ready') return;
      const bounds = unionBounds(lsoasInArea(details.details, area).map((lsoa) => lsoaBounds(details.details, lsoa)));
      if (bounds) get().moveCamera({ kind: 'bounds', bounds, maxZoom: AREA_MAX_ZOOM }, true);
    },

    flyToLsoa: (lsoa) => {
      const { details } = get();
      if (details.status !== 'ready') {
        get().setPendingFly(lsoa);
        get().loadDetails();
        return;
      }
      get().setPendingFly(null);
      get().moveCamera({ kind: 'bounds', bounds: lsoaBounds(details.details, lsoa), maxZoom: LSOA_MAX_ZOOM }, true);
    },

    openCoverage: () => {
      // The panel narrows the map: keep the whole scope in view, as coverage is worked out for it.
      if (get().showCoverageTab()) get().setScope(get().scope, { fit: true });
    },

    goToPostcode: async (text) => {
      if (!deps.lookupPostcode) {
        get().showNotice('Postcodes cannot be looked up: this build of the map data has no postcode table. Rebuild it with `npm run data`.');
        return;
      }
      const found = await deps.lookupPostcode(text);
      if (!found.ok) {
        get().showNotice(`${found.reason[0]!.toUpperCase()}${found.reason.slice(1)}.`);
        return;
      }
      leaveScopeUnlessInside(get(), [found.lsoa]);
      get().setPostcodeMarker({ postcode: found.postcode, lon: found.lon, lat: found.lat });
      get().selectLsoa(found.lsoa, { fly: false });
      // A box of a few metres round the spot: fitting it keeps the spot clear of the legend.
      const d = 0.0005;
      get().moveCamera({ kind: 'bounds', bounds: [found.lon - d, found.lat - d, found.lon + d, found.lat + d], maxZoom: POSTCODE_ZOOM }, true);
    },

    chooseSearchEntry: (entry) => {
      const state = get();
      switch (entry.kind) {
        case 'region':
        case 'county':
        case 'lad':
          state.setScope({ kind: entry.kind, index: entry.index }, { fit: true });
          return;
        case 'ward':
        case 'msoa': {
          const area = { kind: entry.kind, index: entry.index };
          const details = state.details.status === 'ready' ? state.details.details : null;
          leaveScopeUnlessInside(state, details ? lsoasInArea(details, area) : []);
          state.showArea(area);
          return;
        }
        case 'lsoa':
          leaveScopeUnlessInside(state, [entry.index]);
          state.selectLsoa(entry.index, { fly: true });
          return;
      }
    },

    applyUrlView: (view) => {
      const state = get();
      const unknown: string[] = [];
      const indicator = view.indicator ?? defaultIndicator(state.manifest);
      if (state.manifest.indicators.includes(indicator)) state.setIndicator(indicator);
      else unknown.push(`indicator ${indicator}`);
      const scope = view.scope ? resolveScopeRef(state.attributes, view.scope) : ENGLAND;
      if (scope) state.setScope(scope, { fit: false });
      else if (view.scope && view.scope.kind !== 'england') unknown.push(`area ${view.scope.code}`);
      const lsoa = view.lsoa === null ? undefined : state.lsoaByCode.get(view.lsoa);
      if (lsoa !== undefined) {
        if (selectedLsoa(get().panel) !== lsoa) state.selectLsoa(lsoa, { fly: false });
      } else {
        if (view.lsoa !== null) unknown.push(`LSOA ${view.lsoa}`);
        get().closeLsoa();
      }
      if (view.camera) state.moveCamera({ kind: 'camera', camera: view.camera }, false);
      if (view.extras) state.applyViewExtras(view.extras);
      if (unknown.length > 0) state.showNotice(`Not in this map's data, so not shown: ${unknown.join(', ')}. Check the link.`);
    },
  });

/** Where the map opens without a camera in the link: the scope (else England), then the LSOA it names. */
export function openingCamera(state: AppState): void {
  state.moveCamera({ kind: 'bounds', bounds: scopeBounds(state.attributes, state.scope, state.manifest.bounds), maxZoom: AREA_MAX_ZOOM }, false);
  const lsoa = selectedLsoa(state.panel);
  if (lsoa !== null) state.flyToLsoa(lsoa);
}
