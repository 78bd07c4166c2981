// The app's one store: a vanilla zustand store composed of slices, each of one subject
// (./slices), and of the store-level actions and reactions where subjects meet
// (./orchestration). The map class and the Preact UI both read it and call its actions; neither
// talks to the other directly.
//
// How to add a slice: write `slices/<subject>.ts` exporting its state, its actions' interface and
// a `SliceCreator` (it gets the store's deps, the request helper and the history through its
// context); it writes only its own fields (inside `state.coverage` or `state.areas`, through
// coveragePatcher/areasPatcher, if it belongs there) and calls only its own actions. Add it to
// AppState and to the list in createAppStore below. If it must react to another subject, or an
// action must sequence several, that goes in ./orchestration (and in the list at the top of
// orchestration/reactions.ts). An undoable change records a moment (history.ts) with a step of
// its subject, and applyStep (orchestration/undo.ts) learns to apply that step.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Result } from '../data/load';
import type { AttributesFile, DataManifest, DetailsFile } from '../data/schema';
import type { Quarantine } from '../data/workspace-db';
import type { CoverageClient } from '../contract';
import { datasetsInHistory, EMPTY_HISTORY, pushMoment, type HistoryState } from './history';
import { areaActions, type AreaActions } from './orchestration/areas';
import { evidencePackActions, type EvidencePackActions } from './orchestration/evidence-pack';
import { navigationActions, openingCamera, type NavigationActions, type PostcodeLookup } from './orchestration/navigation';
import { installReactions } from './orchestration/reactions';
import { restartActions, type RestartActions } from './orchestration/restart';
import { slideActions, type SlideActions } from './orchestration/slides';
import { publishActions, type PublishActions } from './orchestration/publish';
import { undoActions, type UndoActions } from './orchestration/undo';
import { workspaceActions, type Pending, type WorkspaceActions } from './orchestration/workspace';
import { createRequests } from './requests';
import { createSchemeSets } from './scheme-sets';
import { areaReportSlice, type AreaReportSlice } from './slices/area-report';
import type { AreaStorage } from './slices/area-list-state';
import { areasSlice, type AreasSlice } from './slices/areas';
import { INITIAL_AREAS, type AreasState } from './slices/areas-state';
import type { SliceCreator, StoreContext } from './slices/context';
import { coverageRunSlice, type CoverageRunSlice } from './slices/coverage-run';
import { INITIAL_COVERAGE, type CoverageState } from './slices/coverage-state';
import { datasetsSlice, type DatasetsSlice, type WorkspaceStorage } from './slices/datasets';
import { detailsSlice, type DetailsSlice } from './slices/details';
import { importsSlice, type ImportsSlice, type MappingMemory } from './slices/imports';
import { panelSlice, type PanelSlice } from './slices/panel';
import { slidesSlice, type SlideStorage, type SlidesSlice } from './slices/slides';
import { schemeEditingSlice, type SchemeEditingSlice } from './slices/scheme-editing';
import { statusSlice, type StatusSlice } from './slices/status';
import { themesSlice, type ThemeStorage, type ThemesSlice } from './slices/themes';
import { viewSlice, type DataSlice, type ViewSlice } from './slices/view';
import type { UrlView } from './url';

export type AppState = DataSlice &
  ViewSlice &
  PanelSlice &
  DetailsSlice &
  StatusSlice & { coverage: CoverageState } & DatasetsSlice &
  ImportsSlice &
  CoverageRunSlice &
  SchemeEditingSlice &
  ThemesSlice & { areas: AreasState } & AreasSlice &
  AreaReportSlice &
  SlidesSlice & { history: HistoryState } & UndoActions &
  WorkspaceActions &
  NavigationActions &
  AreaActions &
  EvidencePackActions &
  SlideActions &
  PublishActions &
  RestartActions;
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
  /** Where the slides are saved (IndexedDB in the app); without it they last for the visit. */
  slideStorage?: SlideStorage;
  /** Whether another tab of GapMap is open on this workspace (Web Locks in the app). */
  otherTabsOpen?: () => Promise<boolean>;
  /** Stored records that failed their schema when read, set aside (IndexedDB in the app). */
  quarantine?: Quarantine;
  /** Postcode → place and LSOA (the build's postcode index, fetched per district). */
  lookupPostcode?: (text: string) => Promise<PostcodeLookup>;
}

export interface StoreInit {
  manifest: DataManifest;
  attributes: AttributesFile;
  url: UrlView;
  basemapUrl: string | null;
}

export function createAppStore(init: StoreInit, deps: StoreDeps): AppStore {
  const lsoaByCode = new Map(init.attributes.codes.map((code, index) => [code, index]));
  const pending: Pending = { fitAfterRun: null };
  let context: StoreContext | null = null;
  const store = createStore<AppState>()((set, get, api) => {
    context = {
      deps,
      requests: createRequests(),
      record: (moment) => set((state) => ({ history: pushMoment(state.history, moment) })),
      rewriteHistory: (change) => set((state) => ({ history: change(state.history) })),
      // The sets the datasets name, and those undo or redo could bring back.
      schemeSets: createSchemeSets(deps.coverage, !deps.workspace, () => [...get().coverage.datasets, ...datasetsInHistory(get().history)].map((d) => d.hash)),
    };
    const slice = <T>(creator: SliceCreator<T>): T => creator(context!)(set, get, api);
    return {
      manifest: init.manifest,
      attributes: init.attributes,
      lsoaByCode,
      coverage: INITIAL_COVERAGE,
      areas: INITIAL_AREAS,
      history: EMPTY_HISTORY,
      ...slice(viewSlice(init.manifest, init.url.camera)),
      ...slice(panelSlice),
      ...slice(detailsSlice(init.attributes)),
      ...slice(statusSlice(init.basemapUrl)),
      ...slice(datasetsSlice),
      ...slice(importsSlice),
      ...slice(coverageRunSlice),
      ...slice(schemeEditingSlice),
      ...slice(themesSlice),
      ...slice(areasSlice),
      ...slice(areaReportSlice),
      ...slice(slidesSlice),
      ...slice(undoActions),
      ...slice(workspaceActions(pending)),
      ...slice(navigationActions),
      ...slice(areaActions),
      ...slice(evidencePackActions),
      ...slice(restartActions),
      ...slice(slideActions),
      ...slice(publishActions),
    };
  });
  installReactions(store, { worker: deps.coverage !== undefined, schemeSets: context!.schemeSets, pending });
  store.getState().applyUrlView(init.url);
  // Without a camera in the link, open on the scope (else England), then on the LSOA it names.
  if (!init.url.camera) openingCamera(store.getState());
  return store;
}
