// The app's one store: a vanilla zustand store built from slices. The map class and the Preact
// UI both read it and call its actions; neither talks to the other directly.

import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { IndicatorKey } from '../core/indicators';
import {
  ENGLAND,
  ladsInScope,
  resolveScopeRef,
  sameScope,
  scopeBounds,
  unionBounds,
  type Bounds,
  type Scope,
} from '../core/scope';
import { createSearchIndex, type SearchEntry, type SearchIndex } from '../core/search';
import type { Problem, Result } from '../data/load';
import { lsoaBoundsAt, type AttributesFile, type DataManifest, type DetailsFile } from '../data/schema';
import { coverageSlice, type CoverageSlice, type MappingMemory, type PanelTab, type ThemeStorage, type WorkspaceStorage } from './coverage-slice';
import type { CoverageClient } from './coverage-protocol';
import { areasSlice, type AreasSlice, type AreaStorage } from './areas-slice';
import { buildSearchEntries } from './search-entries';
import type { Camera, UrlView } from './url';

export type AreaSelection = { kind: 'ward' | 'msoa'; index: number };

/** What the side panel shows. An LSOA opened from a ward or MSOA goes back to it on close. */
export type PanelMode =
  | { mode: 'closed' }
  | { mode: 'lsoa'; index: number; from: AreaSelection | null }
  | { mode: 'area'; area: AreaSelection };

export type CameraTarget =
  | { kind: 'bounds'; bounds: Bounds; maxZoom: number }
  | { kind: 'camera'; camera: Camera };

/** A request for the map to move; `seq` tells a new request from one already carried out. */
export interface CameraRequest {
  seq: number;
  target: CameraTarget;
  animate: boolean;
}

export type DetailsState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; details: DetailsFile }
  | { status: 'failed'; problem: Problem };

export interface Notice {
  id: number;
  text: string;
}

export type Dialog = 'none' | 'settings';

/** Closest zoom for flying to one LSOA: the smallest are a few streets across. */
const LSOA_MAX_ZOOM = 14;
const AREA_MAX_ZOOM = 13;

interface DataSlice {
  manifest: DataManifest;
  attributes: AttributesFile;
  lsoaByCode: ReadonlyMap<string, number>;
}

interface ViewSlice {
  indicator: IndicatorKey;
  scope: Scope;
  /** Pixels at the map's left edge covered by the legend, kept clear when fitting bounds. */
  legendInset: number;
  /** Where the map is, as last reported by the map. */
  camera: Camera | null;
  cameraRequest: CameraRequest | null;
  setIndicator: (key: IndicatorKey) => void;
  setScope: (scope: Scope, options: { fit: boolean }) => void;
  reportCamera: (camera: Camera) => void;
  moveCamera: (target: CameraTarget, animate: boolean) => void;
  setLegendInset: (pixels: number) => void;
}

interface SelectionSlice {
  hover: number | null;
  panel: PanelMode;
  panelCollapsed: boolean;
  /** Which tab of the side panel is in front: details of the selection, or coverage. */
  panelTab: PanelTab;
  /** Whether the coverage tab is open (the panel shows while it, the areas tab or a selection is). */
  coverageOpen: boolean;
  /** Whether the areas tab is open. */
  areasOpen: boolean;
  setHover: (lsoa: number | null) => void;
  /** `keepTab`: select without bringing the details tab to the front (from the gap list). */
  selectLsoa: (lsoa: number, options: { fly: boolean; keepTab?: boolean }) => void;
  showArea: (area: AreaSelection) => void;
  /**
   * Esc and the close button: closes the tab in front. Coverage closes (back to any details);
   * details go back to the ward/MSOA an LSOA came from, else close (back to any coverage).
   */
  closePanel: () => void;
  setPanelCollapsed: (collapsed: boolean) => void;
  openCoverage: () => void;
  openAreas: () => void;
  showPanelTab: (tab: PanelTab) => void;
}

interface DetailsSlice {
  details: DetailsState;
  searchIndex: SearchIndex;
  /** Starts the one fetch of the details file; later calls do nothing. */
  loadDetails: () => void;
  /** Fits the map to an LSOA; its bounds come with the details, so this may wait for them. */
  flyToLsoa: (lsoa: number) => void;
  /** The LSOA to fly to once the details arrive, if a fly was asked for before. */
  pendingFlyLsoa: number | null;
  chooseSearchEntry: (entry: SearchEntry) => void;
  /** Where the last postcode searched for is, for the map's marker; null when none. */
  postcodeMarker: { postcode: string; lon: number; lat: number } | null;
  /** Looks a postcode up, flies to it and shows its LSOA; says why when it is not found. */
  goToPostcode: (text: string) => Promise<void>;
}

interface SettingsSlice {
  basemapUrl: string | null;
  dialog: Dialog;
  setBasemapUrl: (url: string | null) => void;
  openDialog: (dialog: Dialog) => void;
  closeDialog: () => void;
}

interface StatusSlice {
  notice: Notice | null;
  mapReady: boolean;
  showNotice: (text: string) => void;
  dismissNotice: () => void;
  setMapReady: () => void;
  /** A link opened in this tab (back/forward, edited hash): show what it names. */
  applyUrlView: (view: UrlView) => void;
}

export type AppState = DataSlice & ViewSlice & SelectionSlice & DetailsSlice & SettingsSlice & StatusSlice & CoverageSlice & AreasSlice;
export type AppStore = StoreApi<AppState>;

export interface StoreDeps {
  fetchDetails: () => Promise<Result<DetailsFile>>;
  saveBasemapUrl: (url: string | null) => void;
  /** The coverage worker; without it the coverage panel says coverage cannot run. */
  coverage?: CoverageClient;
  /** Where imported datasets are saved (IndexedDB in the app); without it they last for the visit. */
  workspace?: WorkspaceStorage;
  /** Column mappings remembered by headers. */
  mappings?: MappingMemory;
  /** The council's own list of themes. */
  themes?: ThemeStorage;
  /** Where target areas are saved (IndexedDB in the app); without it they last for the visit. */
  areaStorage?: AreaStorage;
  /** Postcode → place and LSOA (the build's postcode index, fetched per district). */
  lookupPostcode?: (text: string) => Promise<PostcodeLookup>;
}

export type PostcodeLookup = { ok: true; postcode: string; lon: number; lat: number; lsoa: number } | { ok: false; reason: string };

/** How close the map comes to a postcode: a street or two around it. */
const POSTCODE_ZOOM = 15;

export interface StoreInit {
  manifest: DataManifest;
  attributes: AttributesFile;
  url: UrlView;
  basemapUrl: string | null;
}

type Slice<T> = StateCreator<AppState, [], [], T>;

export function defaultIndicator(manifest: DataManifest): IndicatorKey {
  return manifest.indicators.includes('imd') ? 'imd' : (manifest.indicators[0] ?? 'imd');
}

export function lsoaBounds(details: DetailsFile, lsoa: number): Bounds {
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

/** The ward or MSOA drawn as highlighted, if any. */
export function highlightedArea(panel: PanelMode): AreaSelection | null {
  switch (panel.mode) {
    case 'closed':
      return null;
    case 'lsoa':
      return panel.from;
    case 'area':
      return panel.area;
  }
}

export function selectedLsoa(panel: PanelMode): number | null {
  return panel.mode === 'lsoa' ? panel.index : null;
}

const viewSlice =
  (init: StoreInit): Slice<ViewSlice> =>
  (set, get) => ({
    indicator: defaultIndicator(init.manifest),
    scope: ENGLAND,
    camera: init.url.camera,
    cameraRequest: null,
    setIndicator: (key) => {
      if (get().manifest.indicators.includes(key)) set({ indicator: key });
    },
    setScope: (scope, { fit }) => {
      if (!sameScope(scope, get().scope)) {
        set({ scope });
        // Choosing a scope leaves a target area the dashboard was showing.
        get().setAreaScope(null);
      }
      if (fit) {
        const { attributes, manifest } = get();
        get().moveCamera({ kind: 'bounds', bounds: scopeBounds(attributes, scope, manifest.bounds), maxZoom: AREA_MAX_ZOOM }, true);
      }
    },
    legendInset: 0,
    reportCamera: (camera) => set({ camera }),
    setLegendInset: (pixels) => set({ legendInset: pixels }),
    moveCamera: (target, animate) =>
      set((state) => ({ cameraRequest: { seq: (state.cameraRequest?.seq ?? 0) + 1, target, animate } })),
  });

const selectionSlice: Slice<SelectionSlice> = (set, get) => ({
  hover: null,
  panel: { mode: 'closed' },
  panelCollapsed: false,
  panelTab: 'details',
  coverageOpen: false,
  areasOpen: false,
  setHover: (lsoa) => {
    if (get().hover !== lsoa) set({ hover: lsoa });
  },
  selectLsoa: (lsoa, { fly, keepTab = false }) => {
    const { panel, attributes, coverageOpen, areasOpen } = get();
    if (lsoa < 0 || lsoa >= attributes.count) return;
    const panelTab = keepTab && (coverageOpen || areasOpen) ? get().panelTab : 'details';
    set({ panel: { mode: 'lsoa', index: lsoa, from: keepTab ? null : highlightedArea(panel) }, panelCollapsed: false, panelTab });
    get().loadDetails();
    if (fly) get().flyToLsoa(lsoa);
  },
  showArea: (area) => {
    set({ panel: { mode: 'area', area }, panelCollapsed: false, panelTab: 'details' });
    const { details } = get();
    if (details.status !== 'ready') return;
    const bounds = unionBounds(lsoasInArea(details.details, area).map((lsoa) => lsoaBounds(details.details, lsoa)));
    if (bounds) get().moveCamera({ kind: 'bounds', bounds, maxZoom: AREA_MAX_ZOOM }, true);
  },
  closePanel: () => {
    const { panel, panelTab, coverageOpen, areasOpen } = get();
    if (panelTab === 'areas' && areasOpen) {
      set({ areasOpen: false, panelTab: coverageOpen ? 'coverage' : 'details' });
      return;
    }
    if (panelTab === 'coverage' && coverageOpen) {
      set({ coverageOpen: false, panelTab: areasOpen ? 'areas' : 'details' });
      return;
    }
    const next: PanelMode =
      panel.mode === 'lsoa' && panel.from ? { mode: 'area', area: panel.from } : { mode: 'closed' };
    if (panel.mode !== 'closed') set({ panel: next });
    if (next.mode === 'closed' && (coverageOpen || areasOpen)) set({ panelTab: coverageOpen ? 'coverage' : 'areas' });
  },
  setPanelCollapsed: (collapsed) => set({ panelCollapsed: collapsed }),
  openCoverage: () => {
    const { panel, coverageOpen, panelCollapsed } = get();
    const opening = (panel.mode === 'closed' && !coverageOpen) || panelCollapsed;
    set({ coverageOpen: true, panelTab: 'coverage', panelCollapsed: false });
    // The panel narrows the map: keep the whole scope in view, as coverage is worked out for it.
    if (opening) get().setScope(get().scope, { fit: true });
  },
  openAreas: () => set({ areasOpen: true, panelTab: 'areas', panelCollapsed: false }),
  showPanelTab: (tab) => set(tab === 'coverage' ? { panelTab: tab, coverageOpen: true } : tab === 'areas' ? { panelTab: tab, areasOpen: true } : { panelTab: tab }),
});

const detailsSlice =
  (deps: StoreDeps, attributes: AttributesFile): Slice<DetailsSlice> =>
  (set, get) => ({
    details: { status: 'idle' },
    pendingFlyLsoa: null,
    // Codes and council names are searchable at once; LSOA, ward and MSOA names once details arrive.
    searchIndex: createSearchIndex(buildSearchEntries(attributes, null)),
    loadDetails: () => {
      if (get().details.status !== 'idle') return;
      set({ details: { status: 'loading' } });
      void deps.fetchDetails().then((result) => {
        if (!result.ok) {
          set({ details: { status: 'failed', problem: result.problem } });
          return;
        }
        set({
          details: { status: 'ready', details: result.value },
          searchIndex: createSearchIndex(buildSearchEntries(get().attributes, result.value)),
        });
        const pending = get().pendingFlyLsoa;
        if (pending !== null) get().flyToLsoa(pending);
      });
    },
    flyToLsoa: (lsoa) => {
      const { details } = get();
      if (details.status !== 'ready') {
        set({ pendingFlyLsoa: lsoa });
        get().loadDetails();
        return;
      }
      set({ pendingFlyLsoa: null });
      get().moveCamera({ kind: 'bounds', bounds: lsoaBounds(details.details, lsoa), maxZoom: LSOA_MAX_ZOOM }, true);
    },
    postcodeMarker: null,
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
      const state = get();
      leaveScopeUnlessInside(state, [found.lsoa]);
      set({ postcodeMarker: { postcode: found.postcode, lon: found.lon, lat: found.lat } });
      state.selectLsoa(found.lsoa, { fly: false });
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
  });

/** Searching for a place outside the scope means leaving it: otherwise the place shows dimmed. */
function leaveScopeUnlessInside(state: AppState, lsoas: readonly number[]): void {
  const lads = ladsInScope(state.attributes, state.scope);
  if (lads && lsoas.some((lsoa) => !lads.has(state.attributes.lad[lsoa] ?? -1))) {
    state.setScope(ENGLAND, { fit: false });
  }
}

const settingsSlice =
  (deps: StoreDeps, basemapUrl: string | null): Slice<SettingsSlice> =>
  (set) => ({
    basemapUrl,
    dialog: 'none',
    setBasemapUrl: (url) => {
      const cleaned = url?.trim() || null;
      deps.saveBasemapUrl(cleaned);
      set({ basemapUrl: cleaned });
    },
    openDialog: (dialog) => set({ dialog }),
    closeDialog: () => set({ dialog: 'none' }),
  });

const statusSlice: Slice<StatusSlice> = (set, get) => ({
  notice: null,
  mapReady: false,
  showNotice: (text) => set((state) => ({ notice: { id: (state.notice?.id ?? 0) + 1, text } })),
  dismissNotice: () => set({ notice: null }),
  setMapReady: () => set({ mapReady: true }),
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
      if (get().panel.mode === 'lsoa') set({ panel: { mode: 'closed' } });
    }
    if (view.camera) state.moveCamera({ kind: 'camera', camera: view.camera }, false);
    if (unknown.length > 0) {
      state.showNotice(`Not in this map's data, so not shown: ${unknown.join(', ')}. Check the link.`);
    }
  },
});

export function createAppStore(init: StoreInit, deps: StoreDeps): AppStore {
  const lsoaByCode = new Map(init.attributes.codes.map((code, index) => [code, index]));
  const store = createStore<AppState>()((set, get, api) => ({
    manifest: init.manifest,
    attributes: init.attributes,
    lsoaByCode,
    ...viewSlice(init)(set, get, api),
    ...selectionSlice(set, get, api),
    ...detailsSlice(deps, init.attributes)(set, get, api),
    ...settingsSlice(deps, init.basemapUrl)(set, get, api),
    ...statusSlice(set, get, api),
    ...coverageSlice(deps)(set, get, api),
    ...areasSlice(deps)(set, get, api),
  }));
  if (deps.coverage) {
    // A new scope or indicator re-summarises the coverage run; it never reruns it.
    store.subscribe((state, previous) => {
      if (state.scope !== previous.scope || state.indicator !== previous.indicator) state.refreshCoverageSummary();
      // The selected area's figures follow it, the rule, the schemes shown and the indicator.
      if (
        state.areas.list !== previous.areas.list ||
        state.areas.selectedId !== previous.areas.selectedId ||
        state.coverage !== previous.coverage ||
        state.indicator !== previous.indicator
      ) {
        state.refreshAreaReport();
      }
    });
  }
  store.getState().applyUrlView(init.url);
  if (!init.url.camera) {
    // Without a camera in the link, open on the scope (else England), then on the LSOA it names.
    const state = store.getState();
    state.moveCamera({ kind: 'bounds', bounds: scopeBounds(state.attributes, state.scope, state.manifest.bounds), maxZoom: AREA_MAX_ZOOM }, false);
    const lsoa = selectedLsoa(state.panel);
    if (lsoa !== null) state.flyToLsoa(lsoa);
  }
  return store;
}
