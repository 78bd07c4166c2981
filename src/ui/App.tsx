import './App.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Attribution } from './Attribution';
import { DrawingBanner } from './DrawSchemes';
import { AreaToolBanner } from './AreaToolBanner';
import { ImportDialog } from './ImportDialog';
import { SchemeForm } from './SchemeForm';
import { IndicatorPicker } from './IndicatorPicker';
import { Legend } from './Legend';
import { Notice } from './Notice';
import { Panel } from './Panel';
import { PictureButton, PictureDialog } from './PictureDialog';
import { PrintMap } from './PrintMap';
import { ScopePicker } from './ScopePicker';
import { SearchBox } from './SearchBox';
import { SettingsDialog } from './SettingsDialog';
import { CopyLinkButton, LinkBanners } from './ShareLink';
import { SlidesButton, SlidesPanel } from './SlidesPanel';
import { Presenter } from './Presenter';
import { useAppState, useAppStore } from './use-store';
import { canRedo, canUndo } from '../state/history';
import type { LsoaColouring } from '../core/lsoa-colouring';
import type { AppState } from '../state/store';

const MAP_COLOURED_BY: Record<LsoaColouring, string> = {
  deprivation: 'deprivation decile',
  schemes: 'how many schemes reach each',
  'per-head': 'money allocated per head',
  bivariate: 'deprivation and money per head',
};

/** Opens the coverage tab of the side panel (or brings it to the front). */
function CoverageButton() {
  const store = useAppStore();
  const showing = useAppState((state) => state.coverageOpen && state.panelTab === 'coverage' && !state.panelCollapsed);
  return (
    <button
      type="button"
      class="button-header button-coverage"
      aria-pressed={showing}
      onClick={() => (showing ? store.getState().closePanel() : store.getState().openCoverage())}
    >
      Coverage
    </button>
  );
}

/** Opens the areas tab of the side panel (or brings it to the front). */
function AreasButton() {
  const store = useAppStore();
  const showing = useAppState((state) => state.areasOpen && state.panelTab === 'areas' && !state.panelCollapsed);
  return (
    <button type="button" class="button-header" aria-pressed={showing} onClick={() => (showing ? store.getState().closePanel() : store.getState().openAreas())}>
      Areas
    </button>
  );
}

/** Settings, the import preview or the scheme form: a modal dialog that handles Esc itself. */
function modalOpen(state: AppState): boolean {
  return state.dialog !== 'none' || state.coverage.importing.kind === 'preview' || state.coverage.editing.kind === 'form';
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * The whole screen. `#map` is rendered once and never replaced: main.tsx hands it to the map
 * class after the first render.
 */
export function App() {
  const store = useAppStore();
  const mapReady = useAppState((state) => state.mapReady);
  const colourBy = useAppState((state) => state.coverage.colourBy);
  const searchInput = useRef<HTMLInputElement>(null);
  const [dropping, setDropping] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === '/' && !isTyping(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        searchInput.current?.focus();
      } else if (
        (event.ctrlKey || event.metaKey) &&
        !event.altKey &&
        ['z', 'y'].includes(event.key.toLowerCase()) &&
        !isTyping(event.target) &&
        store.getState().dialog === 'none'
      ) {
        // Undo and redo of any change, datasets, schemes, areas or themes (a text box keeps its own undo).
        const redo = event.key.toLowerCase() === 'y' || event.shiftKey;
        if (!(redo ? canRedo : canUndo)(store.getState())) return;
        event.preventDefault();
        if (redo) store.getState().redo();
        else store.getState().undo();
      } else if (event.key === 'Escape' && store.getState().areas.tool.kind !== 'none') {
        // Esc first stops an area tool (terra-draw drops a half-drawn shape on the same key).
        store.getState().startAreaTool({ kind: 'none' });
      } else if (event.key === 'Escape' && !modalOpen(store.getState())) {
        // A modal dialog closes itself on Esc (and only itself); otherwise Esc closes the side panel.
        store.getState().closePanel();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [store]);

  return (
    <div class="app">
      <header class="top-bar">
        <p class="brand">
          GapMap <span class="brand-sub">IoD2025</span>
        </p>
        <SearchBox inputRef={searchInput} />
        <ScopePicker />
        <IndicatorPicker />
        <CoverageButton />
        <AreasButton />
        <SlidesButton />
        <CopyLinkButton />
        <button type="button" class="button-header" onClick={() => store.getState().openDialog('settings')}>
          Settings
        </button>
      </header>
      <div class="workspace">
        <main
          class={dropping ? 'map-area dropping' : 'map-area'}
          onDragOver={(event) => {
            if (!event.dataTransfer?.types.includes('Files')) return;
            event.preventDefault(); // Allows the drop.
            event.dataTransfer.dropEffect = 'copy';
            setDropping(true);
          }}
          onDragLeave={(event) => {
            if (event.currentTarget === event.target || !event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
          }}
          onDrop={(event) => {
            event.preventDefault();
            setDropping(false);
            const files = [...(event.dataTransfer?.files ?? [])];
            if (files.length === 0) return;
            store.getState().openCoverage();
            store.getState().importFiles(files);
          }}
        >
          <div id="map" role="region" aria-label={`Map of LSOAs coloured by ${MAP_COLOURED_BY[colourBy]}`} />
          <PrintMap />
          {!mapReady && (
            <p class="map-loading" role="status">
              Drawing the map…
            </p>
          )}
          <Notice />
          <DrawingBanner />
          <AreaToolBanner />
          <Legend />
          <PictureButton />
          <LinkBanners />
          <SlidesPanel />
          {dropping && (
            <p class="drop-hint" aria-hidden="true">
              Drop schemes files to import them (GeoJSON, shapefile zip, KML, 360Giving, CSV, Excel)
            </p>
          )}
        </main>
        <Panel />
      </div>
      <Attribution />
      <SettingsDialog />
      <PictureDialog />
      <ImportDialog />
      <SchemeForm />
      <Presenter />
    </div>
  );
}
