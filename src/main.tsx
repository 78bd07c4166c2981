// Wiring: load the manifest and attributes → create the store → render the UI → hand #map to
// the map class → keep the URL in step.

// Style sheets in cascade order: MapLibre's, then the global base (which restyles MapLibre's focus
// rings), then each component's own sheet, imported beside it, later in the bundle, so a
// component's rule wins over the base where both set the same thing.
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import './forms.css';
import './tables.css';
import './print.css';
import { render } from 'preact';
import type maplibregl from 'maplibre-gl';
import { dataFileUrl, loadAttributes, loadDetails, loadManifest, loadPostcodeIndex } from './data/load';
import { MapView } from './map/map-view';
import { syncHashWithStore } from './state/hash-sync';
import { createAppStore, type AppStore } from './state/store';
import type { PostcodeLookup } from './state/orchestration/navigation';
import { parseViewHash } from './state/url';
import { App } from './ui/App';
import { BootScreen, type BootStatus } from './ui/BootScreen';
import { StoreContext } from './ui/use-store';
import { MapPicturesContext } from './ui/map-pictures';
import type { MapPictures } from './state/picture';
import { createCoverageClient } from './worker/coverage-client';
import type { CoverageClient, WorkerRestart } from './contract';
import type { MappingMemory } from './state/slices/imports';
import type { ThemeStorage } from './state/slices/themes';
import type { ColumnMeaning } from './data/import/columns';
import { openAreaDatabase, openSlideDatabase, openWorkspaceDatabase } from './data/workspace-stores';
import { openQuarantine } from './data/workspace-db';
import { columnMeaningsSchema, themesSchema } from './data/record-schemas';
import { check } from './data/schema-problem';
import { applyTheme } from './theme';

declare global {
  interface Window {
    /** Test hook for the end-to-end tests, set once the map has loaded. Not an API. */
    __gapmap?: { map: maplibregl.Map; store: AppStore };
  }
}

const BASEMAP_KEY = 'gapmap.basemapStyleUrl';
const THEMES_KEY = 'gapmap.themes';

/** The council's own themes, in localStorage (and in the workspace file when exported). */
const themes: ThemeStorage = {
  load() {
    try {
      const saved = check(themesSchema, JSON.parse(localStorage.getItem(THEMES_KEY) ?? '[]'), 'the saved themes');
      return saved.ok ? saved.value : [];
    } catch {
      return [];
    }
  },
  save(list) {
    try {
      localStorage.setItem(THEMES_KEY, JSON.stringify(list));
    } catch {
      // Storage blocked: the list lasts for the visit (and goes with an exported workspace).
    }
  },
};
const OPEN_TAB_LOCK = 'gapmap.open-tab';

/** Each tab holds a shared lock while open, so a tab can tell whether it is the only one. */
function holdOpenTabLock(): void {
  void navigator.locks?.request(OPEN_TAB_LOCK, { mode: 'shared' }, () => new Promise<void>(() => undefined));
}

async function otherTabsOpen(): Promise<boolean> {
  if (!navigator.locks) return true; // Cannot tell: keep what another tab may need.
  const { held = [], pending = [] } = await navigator.locks.query();
  // This tab's own request counts once, granted or not yet.
  return [...held, ...pending].filter((lock) => lock.name === OPEN_TAB_LOCK).length > 1;
}

const MAPPINGS_KEY = 'gapmap.columnMappings';

/** Column mappings by headers, in localStorage (small; lost only if storage is blocked). */
const mappings: MappingMemory = {
  recall(headers) {
    try {
      const saved = JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}') as Record<string, unknown>;
      const remembered = saved[headers.join('\u0001')];
      // A mapping that no longer fits (damaged, or from another version) is not offered.
      const checked = remembered === undefined ? null : check(columnMeaningsSchema, remembered, 'the remembered columns');
      return checked?.ok ? checked.value : null;
    } catch {
      return null;
    }
  },
  remember(headers, meanings) {
    try {
      const saved = JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}') as Record<string, ColumnMeaning[]>;
      saved[headers.join('\u0001')] = [...meanings];
      localStorage.setItem(MAPPINGS_KEY, JSON.stringify(saved));
    } catch {
      // Blocked or full storage: the mapping is simply not remembered.
    }
  },
};

function readBasemapUrl(): string | null {
  try {
    return localStorage.getItem(BASEMAP_KEY);
  } catch {
    return null; // Storage can be blocked by browser policy; then there is simply no basemap.
  }
}

function saveBasemapUrl(url: string | null): void {
  try {
    if (url === null) localStorage.removeItem(BASEMAP_KEY);
    else localStorage.setItem(BASEMAP_KEY, url);
  } catch {
    // As above: the setting then lasts for this visit only.
  }
}

async function start(root: HTMLElement): Promise<void> {
  const boot = (status: BootStatus) => render(<BootScreen status={status} />, root);
  boot({ stage: 'manifest' });

  const dataBase = new URL('data/', document.baseURI);
  const manifestResult = await loadManifest(dataBase);
  if (!manifestResult.ok) return boot({ stage: 'failed', message: manifestResult.problem.message });
  const manifest = manifestResult.value;

  boot({ stage: 'attributes', lsoaCount: manifest.lsoaCount, progress: null });
  const attributesResult = await loadAttributes(dataFileUrl(dataBase, manifest.files.attributes).href, manifest, (progress) =>
    boot({ stage: 'attributes', lsoaCount: manifest.lsoaCount, progress }),
  );
  if (!attributesResult.ok) return boot({ stage: 'failed', message: attributesResult.problem.message });

  const detailsUrl = dataFileUrl(dataBase, manifest.files.details).href;
  let coverage: CoverageClient | undefined;
  // A stopped worker is replaced by the client; the store (made below) asks again for what it held.
  let restarted: (restart: WorkerRestart) => void = () => undefined;
  try {
    coverage = createCoverageClient(dataBase, manifest, { onRestart: (restart) => restarted(restart) });
  } catch {
    coverage = undefined; // No module workers: the coverage tab says so.
  }
  // The postcode index is fetched on the first postcode search (its directory, then one district).
  const postcodeFolder = manifest.files.postcodes;
  let postcodeIndex: ReturnType<typeof loadPostcodeIndex> | null = null;
  const lookupPostcode = async (text: string): Promise<PostcodeLookup> => {
    postcodeIndex ??= loadPostcodeIndex(dataFileUrl(dataBase, `${postcodeFolder}/`).href, manifest.lsoaCount);
    const index = await postcodeIndex;
    if (!index.ok) {
      postcodeIndex = null; // Try again next time (the network may be back).
      return { ok: false, reason: index.problem.message };
    }
    const found = await index.value.lookup(text);
    return 'place' in found ? { ok: true, postcode: found.postcode.postcode, ...found.place } : { ok: false, reason: found.reason };
  };
  holdOpenTabLock();
  // `?workspace=URL`: a published workspace, shown read only: the store gets no storage at all, so
  // nothing is saved over this browser's own workspace (orchestration/publish.ts).
  const published = new URLSearchParams(location.search).get('workspace');
  const stored = published === null && typeof indexedDB !== 'undefined';
  // The link's datasets and areas are applied once the workspace holding them has been read.
  const { extras: linkExtras, ...linkView } = parseViewHash(location.hash);
  const store = createAppStore(
    { manifest, attributes: attributesResult.value, url: linkView, basemapUrl: readBasemapUrl() },
    {
      fetchDetails: () => loadDetails(detailsUrl, manifest.lsoaCount),
      saveBasemapUrl,
      ...(coverage ? { coverage } : {}),
      ...(stored
        ? { workspace: openWorkspaceDatabase(), areaStorage: openAreaDatabase(), slideStorage: openSlideDatabase(), quarantine: openQuarantine() }
        : {}),
      otherTabsOpen,
      mappings,
      ...(published === null ? { themes } : {}),
      ...(postcodeFolder !== undefined ? { lookupPostcode } : {}),
    },
  );
  restarted = (restart) => store.getState().calculatorRestarted(restart);
  const workspaceRead =
    published !== null
      ? store.getState().openPublishedWorkspace(published)
      : Promise.all([store.getState().loadWorkspace(), store.getState().loadAreas(), store.getState().loadSlides()]);
  // Another tab changed the council's themes (localStorage tells the other tabs itself).
  window.addEventListener('storage', (event) => {
    if (event.key === THEMES_KEY) store.getState().loadThemes();
  });

  // Pictures are drawn by the map (loaded on first use); the UI reaches them through this.
  let livePicturesMap: maplibregl.Map | null = null;
  let liveView: MapView | null = null;
  const pictures: MapPictures = {
    snapshot: () => liveView?.snapshot() ?? null,
    async render(request, onStage, signal) {
      if (!livePicturesMap) throw new Error('The map has not finished loading; try again in a moment.');
      const { createMapPictures } = await import('./map/export-image');
      return createMapPictures(livePicturesMap).render(request, onStage, signal);
    },
  };
  render(
    <StoreContext.Provider value={store}>
      <MapPicturesContext.Provider value={pictures}>
        <App />
      </MapPicturesContext.Provider>
    </StoreContext.Provider>,
    root,
  );
  const container = document.getElementById('map');
  if (!container) throw new Error('App did not render #map.');
  let view: MapView;
  try {
    view = new MapView(container, store, dataFileUrl(dataBase, manifest.files.tiles).href);
  } catch {
    return boot({
      stage: 'failed',
      message:
        'The map could not start because this browser has WebGL turned off or unavailable. Turn on hardware acceleration in the browser settings, or ask IT to allow WebGL, then reload.',
    });
  }
  await workspaceRead.catch(() => undefined);
  // A link's own view wins over a published workspace's first slide (the camera was applied at start otherwise).
  if (linkExtras || (published !== null && linkView.camera)) {
    store.getState().applyUrlView({ ...linkView, camera: published !== null ? linkView.camera : null, ...(linkExtras ? { extras: linkExtras } : {}) });
  }
  syncHashWithStore(store);
  await view.ready;
  livePicturesMap = view.map;
  liveView = view;
  window.__gapmap = { map: view.map, store };
}

// The theme's colours and sizes as CSS custom properties, before anything renders.
applyTheme(document.documentElement);
const root = document.getElementById('app');
if (root) void start(root);
