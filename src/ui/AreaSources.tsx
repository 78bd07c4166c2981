// New target areas from a ward, district or county (its LSOAs), or from a file of polygons.

import './areas.css';
import { useMemo, useState } from 'preact/hooks';
import { formatCount } from '../core/legend';
import { search, type SearchEntry } from '../core/search';
import { lsoasInScope } from '../core/scope-lsoas';
import { lsoasInArea } from '../state/orchestration/navigation';
import { Combobox } from './Combobox';
import { useAppState, useAppStore } from './use-store';

const PLACE_KINDS: ReadonlySet<SearchEntry['kind']> = new Set(['ward', 'lad', 'county', 'region', 'msoa']);
const PLACE_KIND_NAMES: Record<string, string> = { ward: 'Ward', lad: 'District', county: 'County', region: 'Region', msoa: 'MSOA' };

/** A ward, district, county (or region, MSOA) as a new area of its LSOAs. */
export function StartFromPlace() {
  const store = useAppStore();
  const index = useAppState((state) => state.searchIndex);
  const detailsReady = useAppState((state) => state.details.status === 'ready');
  const [query, setQuery] = useState('');
  const hits = useMemo(
    () =>
      query.trim() === ''
        ? []
        : search(index, query, 40)
            .map((hit) => hit.entry)
            .filter((entry) => PLACE_KINDS.has(entry.kind))
            .slice(0, 12),
    [index, query],
  );
  const choose = (entry: SearchEntry) => {
    const state = store.getState();
    let lsoas: number[] = [];
    if (entry.kind === 'ward' || entry.kind === 'msoa') {
      if (state.details.status !== 'ready') return;
      lsoas = lsoasInArea(state.details.details, { kind: entry.kind, index: entry.index });
    } else if (entry.kind === 'lad' || entry.kind === 'county' || entry.kind === 'region') {
      lsoas = lsoasInScope(state.attributes, state.attributes.lad, { kind: entry.kind, index: entry.index });
    }
    state.areaFromPlace(entry.label, lsoas);
    setQuery('');
  };
  return (
    <div class="area-start">
      <Combobox<SearchEntry>
        id="area-place"
        label="Start from a ward, district or county"
        placeholder="e.g. Old Trafford, Trafford, Essex"
        query={query}
        onQueryChange={setQuery}
        items={hits}
        itemKey={(entry) => `${entry.kind}:${entry.index}`}
        renderItem={(entry) => (
          <>
            <span class="option-label">{entry.label}</span>
            <span class="option-detail">
              {PLACE_KIND_NAMES[entry.kind]} · {entry.detail}
            </span>
          </>
        )}
        onChoose={choose}
        emptyText={query.trim() === '' ? null : detailsReady ? 'No ward, district or county matches' : 'Loading ward names…'}
        openOnFocus={false}
        onFocus={() => store.getState().loadDetails()}
      />
    </div>
  );
}

const AREA_FILES =
  '.geojson,.json,.zip,.kml,.kmz,application/geo+json,application/json,application/zip,application/vnd.google-earth.kml+xml,application/vnd.google-earth.kmz';

export function ImportAreas() {
  const store = useAppStore();
  const importing = useAppState((state) => state.areas.importing);
  return (
    <div class="area-import">
      <label class="label" for="areas-file">
        Add areas from a file
      </label>
      <p class="hint" id="areas-file-hint">
        GeoJSON, a zipped shapefile or KML/KMZ: each polygon becomes an area. You check them before they are added.
      </p>
      <input
        id="areas-file"
        type="file"
        accept={AREA_FILES}
        aria-describedby="areas-file-hint"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void store.getState().readAreasFile(file);
        }}
      />
      {importing.kind === 'reading' && (
        <p role="status" class="hint">
          Reading {importing.fileName}…
        </p>
      )}
      {importing.kind === 'preview' && (
        <div class="area-import-preview" role="group" aria-label={`Areas in ${importing.fileName}`}>
          <p>
            <strong>
              {formatCount(importing.areas.length)} area{importing.areas.length === 1 ? '' : 's'} in {importing.fileName}:
            </strong>{' '}
            {importing.areas
              .slice(0, 8)
              .map((area) => area.name)
              .join(', ')}
            {importing.areas.length > 8 ? `, and ${formatCount(importing.areas.length - 8)} more` : ''}.
          </p>
          {importing.notes.length > 0 && (
            <details>
              <summary>
                {formatCount(importing.notes.length)} note{importing.notes.length === 1 ? '' : 's'} (features skipped or repaired)
              </summary>
              {/* Scrolls when long and holds nothing focusable: a tab stop lets keys scroll it. */}
              <ul class="area-notes" tabIndex={0} aria-label="Features skipped or repaired">
                {importing.notes.slice(0, 50).map((note, k) => (
                  <li key={k}>{note}</li>
                ))}
              </ul>
            </details>
          )}
          <div class="button-row">
            <button type="button" class="button" onClick={() => store.getState().confirmAreasImport()}>
              Add {importing.areas.length === 1 ? 'the area' : `all ${formatCount(importing.areas.length)}`}
            </button>
            <button type="button" class="button-secondary" onClick={() => store.getState().cancelAreasImport()}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
