// The coverage tab's schemes: the datasets (show, proposed, delete with undo), adding schemes
// from files or by drawing, and the workspace file.

import './coverage.css';
import { useMemo } from 'preact/hooks';
import { formatCount } from '../core/legend';
import { undoableDeletion, undoableOpen } from '../state/history';
import { describeSchemes } from './coverage-format';
import { DrawSchemeButtons } from './DrawSchemes';
import { downloadText } from './download';
import { Delayed } from './RunStatus';
import { useAppState, useAppStore } from './use-store';

const ACCEPTED_FILES =
  '.geojson,.json,.csv,.tsv,.txt,.zip,.kml,.kmz,.xlsx,.xlsm,.xls,.ods,application/geo+json,application/json,text/csv,text/tab-separated-values,application/zip,application/vnd.google-earth.kml+xml,application/vnd.google-earth.kmz,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function SchemesFile() {
  const store = useAppStore();
  const coverage = useAppState((state) => state.coverage);
  const { datasets, importing, importErrors, saveError } = coverage;
  const lastDeleted = useAppState(undoableDeletion);
  // Walking every scheme is slow for large datasets: once per change of datasets, not per render.
  const summaries = useMemo(
    () =>
      new Map(
        datasets.map((dataset) => [
          dataset.id,
          { shapes: describeSchemes(dataset.stats), skipped: dataset.problems.filter((p) => p.severity === 'error').length },
        ]),
      ),
    [datasets],
  );
  return (
    <section class="coverage-section" aria-labelledby="schemes-heading">
      <h3 id="schemes-heading">Schemes</h3>
      {datasets.length > 0 && (
        <ul class="dataset-list">
          {datasets.map((dataset) => {
            const { shapes, skipped } = summaries.get(dataset.id)!;
            return (
              <li key={dataset.id} class="dataset">
                <span class="swatch" style={{ background: dataset.colour }} aria-hidden="true" />
                <div class="dataset-text">
                  <label class="checkbox-label">
                    <input
                      type="checkbox"
                      checked={dataset.visible}
                      onChange={(event) => store.getState().setDatasetVisible(dataset.id, event.currentTarget.checked)}
                    />{' '}
                    <strong id={`dataset-name-${dataset.id}`}>{dataset.name}</strong>
                  </label>
                  <span class="hint">
                    {shapes}
                    {skipped > 0 ? `; ${formatCount(skipped)} skipped` : ''}
                  </span>
                  <label class="checkbox-label dataset-proposed">
                    <input
                      type="checkbox"
                      aria-describedby={`dataset-name-${dataset.id}`}
                      checked={dataset.proposed === true}
                      onChange={(event) => store.getState().setDatasetProposed(dataset.id, event.currentTarget.checked)}
                    />{' '}
                    Proposed, not yet funded
                  </label>
                </div>
                <button
                  type="button"
                  class="button-secondary button-small"
                  aria-label={`Delete ${dataset.name}`}
                  onClick={() => store.getState().deleteDataset(dataset.id)}
                >
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {lastDeleted && (
        <p class="undo" role="status">
          Deleted {lastDeleted.dataset.name}.{' '}
          <button type="button" class="link-button" onClick={() => store.getState().undo()}>
            Undo
          </button>
        </p>
      )}
      <label class="label" for="schemes-file">
        {datasets.length > 0 ? 'Add more schemes from files' : 'Add schemes from files'}
      </label>
      <p class="hint" id="schemes-file-hint">
        GeoJSON (points, routes, areas in WGS84), zipped shapefiles, KML/KMZ, 360Giving grants (JSON, CSV or Excel .xlsx) or a CSV or Excel sheet of schemes
        with coordinates, grid references, postcodes or area codes. Several at once, or drop them on the map. You check each before it is added.
      </p>
      <input
        id="schemes-file"
        class="file-input"
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        aria-describedby="schemes-file-hint"
        onChange={(event) => {
          const input = event.currentTarget;
          const chosen = [...(input.files ?? [])];
          if (chosen.length > 0) store.getState().importFiles(chosen);
          input.value = ''; // Choosing the same file again (after fixing it) reads it again.
        }}
      />
      <DrawSchemeButtons />
      {importing.kind === 'reading' && (
        <Delayed>
          <div role="status" class="import-progress">
            <p>{importing.phase === 'preparing' ? `Preparing the area codes and postcodes to read ${importing.name}…` : `Reading ${importing.name}…`}</p>
            {importing.phase === 'reading' && importing.done !== null && (
              <progress max={1} value={importing.done} aria-label={`Reading ${importing.name}`}>
                {Math.round(importing.done * 100)}%
              </progress>
            )}
          </div>
        </Delayed>
      )}
      {importErrors.length > 0 && (
        <div class="error-summary" role="alert">
          <h4>{importErrors.length === 1 ? `There is a problem with ${importErrors[0]!.name}` : 'Some files could not be imported'}</h4>
          {importErrors.map(({ name, message }) => (
            <p key={name}>{message}</p>
          ))}
          {datasets.length > 0 && <p>Your datasets are as they were.</p>}
        </div>
      )}
      {saveError && (
        <div class="warning-text" role="alert">
          <p>{saveError}</p>
          <button type="button" class="button-secondary button-small" onClick={() => downloadWorkspace(store)}>
            Export workspace now
          </button>
        </div>
      )}
      <WorkspaceFile />
    </section>
  );
}

/** Saves the workspace file (built by the worker) through the browser's download. */
function downloadWorkspace(store: ReturnType<typeof useAppStore>): void {
  void store
    .getState()
    .exportWorkspace()
    .then((bytes) => bytes && downloadText(`gapmap-workspace-${new Date().toISOString().slice(0, 10)}.geojson`, bytes, 'application/geo+json'));
}

/** The whole workspace to one file and back (to keep a copy, or move to another computer). */
function WorkspaceFile() {
  const store = useAppStore();
  const count = useAppState((state) => state.coverage.datasets.length);
  const lastReplaced = useAppState(undoableOpen);
  return (
    <details class="workspace-file">
      <summary>Workspace file</summary>
      <p class="hint">
        Your datasets are saved in this browser. Export them as one GeoJSON file to keep a copy or share them; opening that file here brings them back exactly.
      </p>
      <div class="button-row">
        <button type="button" class="button-secondary" disabled={count === 0} onClick={() => downloadWorkspace(store)}>
          Export workspace
        </button>
      </div>
      <label class="label" for="workspace-file">
        Open a workspace file (replaces the datasets above; you can undo)
      </label>
      <input
        id="workspace-file"
        class="file-input"
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        onChange={(event) => {
          const input = event.currentTarget;
          const chosen = input.files?.[0];
          if (chosen) void store.getState().openWorkspaceFile(chosen);
          input.value = '';
        }}
      />
      {lastReplaced && (
        <p class="undo" role="status">
          Opened {lastReplaced.name}.{' '}
          <button type="button" class="link-button" onClick={() => store.getState().undo()}>
            Undo
          </button>
        </p>
      )}
    </details>
  );
}
