// The areas tab: draw target areas (polygon, freehand, rectangle, circle), build them from LSOAs
// (click, lasso, or start from a ward, district or county), import them from files; the list of
// areas (show/hide, zoom to, duplicate, delete, undo/redo); and the selected area's name,
// description, colour and live figures: who lives there, how deprived it is, what reaches it.

import { formatSharePercent, type CoverageRule } from '../core/coverage-rule';
import { AreaWideNote } from './AreaWideNote';
import { useMemo, useRef, useState } from 'preact/hooks';
import { formatCount } from '../core/legend';
import { INDICATORS } from '../core/indicators';
import { search, type SearchEntry } from '../core/search';
import { lsoasInScope } from '../core/scope-lsoas';
import { describeDefinition, type TargetArea } from '../core/target-area';

import { AREA_DRAW_SHAPES, currentRunKey, sameDefinition, selectedArea, type AreaDrawShape, type AreaTool } from '../state/areas-slice';
import { AREA_SCHEMES_LISTED, type AreaReport } from '../state/coverage-protocol';
import { undoTouches } from '../state/history';
import { lsoasInArea } from '../state/store';
import { Combobox } from './Combobox';
import { DecileMixChart } from './CoverageCharts';
import { formatGbp, formatPercent } from './coverage-format';
import { downloadText } from './download';
import { useAppState, useAppStore } from './use-store';

const SHAPE_LABELS: Record<AreaDrawShape, string> = {
  polygon: 'Polygon',
  freehand: 'Freehand',
  rectangle: 'Rectangle',
  circle: 'Circle',
};

/** What a click does with each tool on, for the banner over the map. */
export function toolInstructions(tool: AreaTool): string | null {
  switch (tool.kind) {
    case 'none':
      return null;
    case 'draw':
      switch (tool.shape) {
        case 'polygon':
          return 'Click each corner; click the first corner again or press Enter to finish. Esc drops it.';
        case 'freehand':
          return 'Click to start, move round the area, click to finish. Esc drops it.';
        case 'rectangle':
          return 'Click one corner, move, click the opposite corner. Esc drops it.';
        case 'circle':
          return 'Click the centre, move out to the edge, click to finish. Esc drops it.';
      }
      return null;
    case 'edit':
      return 'Drag a shape to move it; drag a corner or a midpoint to reshape it. Click a shape, then press Delete to remove it.';
    case 'lsoas':
      return 'Click an LSOA to add it to the selected area, or click it again to take it out.';
    case 'lasso':
      return 'Click, loop round the LSOAs to add (their centres inside count), click to finish.';
  }
}

/** Which LSOAs belong to an area, in words, for the rule in force. */
export function membershipRule(area: TargetArea, rule: CoverageRule): string {
  if (area.definition.kind === 'lsoas') return 'The LSOAs you chose, exactly; schemes reach them by the coverage rule.';
  switch (rule.kind) {
    case 'intersects':
      return 'Coverage rule “touches”: every LSOA the shapes share ground with is in (running along a border does not count).';
    case 'centroid':
      return 'Coverage rule “centre”: an LSOA is in when its centre (a point well inside it) is inside the shapes.';
    case 'share':
      return `Coverage rule “share”: an LSOA is in when at least ${formatSharePercent(rule.share)}% of its area is inside the shapes.`;
  }
}

export function AreasPanel() {
  return (
    <div class="panel-body areas-panel">
      <h2 class="panel-heading">Target areas</h2>
      <p class="hint">Draw an area or build one from LSOAs to see who lives there, how deprived it is and what already reaches it.</p>
      <AreaTools />
      <StartFromPlace />
      <AreaMessage />
      <AreaList />
      <SelectedArea />
      <ImportAreas />
    </div>
  );
}

function AreaTools() {
  const store = useAppStore();
  const tool = useAppState((state) => state.areas.tool);
  const canUndo = useAppState((state) => state.history.past.length > 0);
  const canRedo = useAppState((state) => state.history.future.length > 0);
  const selected = useAppState(selectedArea);
  const toggle = (next: AreaTool) => store.getState().startAreaTool(JSON.stringify(next) === JSON.stringify(tool) ? { kind: 'none' } : next);
  const pressed = (kind: AreaTool['kind'], shape?: AreaDrawShape) => tool.kind === kind && (shape === undefined || (tool.kind === 'draw' && tool.shape === shape));
  return (
    <section class="coverage-section" aria-labelledby="area-tools-heading">
      <h3 id="area-tools-heading">Draw or choose</h3>
      <div class="area-toolbar" role="toolbar" aria-label="Area tools">
        <div class="button-row" role="group" aria-label="Draw a new area">
          {AREA_DRAW_SHAPES.map((shape) => (
            <button key={shape} type="button" class="button-secondary button-small" aria-pressed={pressed('draw', shape)} onClick={() => toggle({ kind: 'draw', shape })}>
              {SHAPE_LABELS[shape]}
            </button>
          ))}
        </div>
        <div class="button-row" role="group" aria-label="Change areas">
          <button
            type="button"
            class="button-secondary button-small"
            aria-pressed={pressed('edit')}
            disabled={selected?.definition.kind !== 'shapes'}
            title={selected?.definition.kind === 'shapes' ? undefined : 'Select an area drawn on the map first'}
            onClick={() => toggle({ kind: 'edit' })}
          >
            Edit shapes
          </button>
          <button type="button" class="button-secondary button-small" aria-pressed={pressed('lsoas')} onClick={() => toggle({ kind: 'lsoas' })}>
            Click LSOAs
          </button>
          <button type="button" class="button-secondary button-small" aria-pressed={pressed('lasso')} onClick={() => toggle({ kind: 'lasso' })}>
            Lasso LSOAs
          </button>
        </div>
        <div class="button-row" role="group" aria-label="History">
          <button type="button" class="button-secondary button-small" disabled={!canUndo} onClick={() => store.getState().undo()}>
            Undo <span class="key-hint">(Ctrl+Z)</span>
          </button>
          <button type="button" class="button-secondary button-small" disabled={!canRedo} onClick={() => store.getState().redo()}>
            Redo <span class="key-hint">(Ctrl+Shift+Z)</span>
          </button>
        </div>
      </div>
      <p class="hint">
        Clicking LSOAs adds them to the selected area of LSOAs (or starts one); shift-click does the same without the tool.
      </p>
    </section>
  );
}

const PLACE_KINDS: ReadonlySet<SearchEntry['kind']> = new Set(['ward', 'lad', 'county', 'region', 'msoa']);
const PLACE_KIND_NAMES: Record<string, string> = { ward: 'Ward', lad: 'District', county: 'County', region: 'Region', msoa: 'MSOA' };

/** A ward, district, county (or region, MSOA) as a new area of its LSOAs. */
function StartFromPlace() {
  const store = useAppStore();
  const index = useAppState((state) => state.searchIndex);
  const detailsReady = useAppState((state) => state.details.status === 'ready');
  const [query, setQuery] = useState('');
  const hits = useMemo(() => (query.trim() === '' ? [] : search(index, query, 40).map((hit) => hit.entry).filter((entry) => PLACE_KINDS.has(entry.kind)).slice(0, 12)), [index, query]);
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
            <span class="option-detail">{PLACE_KIND_NAMES[entry.kind]} · {entry.detail}</span>
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

const AREA_FILES = '.geojson,.json,.zip,.kml,.kmz,application/geo+json,application/json,application/zip,application/vnd.google-earth.kml+xml,application/vnd.google-earth.kmz';

function ImportAreas() {
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
              <ul class="area-notes">
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

function AreaMessage() {
  const store = useAppStore();
  const message = useAppState((state) => state.areas.message);
  const saveError = useAppState((state) => state.areas.saveError);
  const canUndo = useAppState((state) => undoTouches(state, 'areas'));
  return (
    <>
      {saveError && (
        <p class="error-message" role="alert">
          {saveError}
        </p>
      )}
      {message && (
        <p class={message.tone === 'error' ? 'error-message' : 'undo'} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}{' '}
          {message.text.startsWith('Deleted') && canUndo && (
            <button type="button" class="link-button" onClick={() => store.getState().undo()}>
              Undo
            </button>
          )}{' '}
          <button type="button" class="link-button" onClick={() => store.getState().dismissAreaMessage()}>
            Dismiss
          </button>
        </p>
      )}
    </>
  );
}

function AreaList() {
  const store = useAppStore();
  const list = useAppState((state) => state.areas.list);
  const selectedId = useAppState((state) => state.areas.selectedId);
  const scrolledTo = useRef<string | null>(null);
  if (list.length === 0) return <p class="hint">No areas yet.</p>;
  return (
    <section class="coverage-section" aria-labelledby="area-list-heading">
      <h3 id="area-list-heading">Your areas</h3>
      <ul class="dataset-list area-list">
        {list.map((area) => (
          <li
            key={area.id}
            class={area.id === selectedId ? 'dataset area-row selected' : 'dataset area-row'}
            ref={(row) => {
              // A new or chosen area is brought into view in the list, its figures below it.
              if (row && area.id === selectedId && scrolledTo.current !== selectedId) {
                scrolledTo.current = selectedId;
                row.scrollIntoView({ block: 'nearest' });
              }
            }}
          >
            <span class="swatch" style={{ background: area.colour }} aria-hidden="true" />
            <div class="dataset-text">
              <label class="checkbox-label">
                <input type="checkbox" checked={area.visible} aria-label={`Show ${area.name} on the map`} onChange={(event) => store.getState().setAreaVisible(area.id, event.currentTarget.checked)} />{' '}
              </label>
              <button type="button" class="link-button area-name" aria-current={area.id === selectedId ? 'true' : undefined} onClick={() => store.getState().selectArea(area.id)}>
                {area.name}
              </button>
              <span class="hint">{describeDefinition(area.definition)}</span>
            </div>
            <div class="area-actions">
              <button type="button" class="button-secondary button-small" aria-label={`Zoom to ${area.name}`} onClick={() => void store.getState().zoomToArea(area.id)}>
                Zoom to
              </button>
              <button type="button" class="button-secondary button-small" aria-label={`Duplicate ${area.name}`} onClick={() => store.getState().duplicateArea(area.id)}>
                Duplicate
              </button>
              <button type="button" class="button-secondary button-small" aria-label={`Delete ${area.name}`} onClick={() => store.getState().deleteArea(area.id)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SelectedArea() {
  const store = useAppStore();
  const area = useAppState(selectedArea);
  const [exportError, setExportError] = useState<string | null>(null);
  if (!area) return null;
  const save = async (format: 'geojson' | 'csv') => {
    setExportError(null);
    const file = await store.getState().exportArea(area.id, format);
    if (!file.ok) return setExportError(file.message);
    downloadText(file.fileName, file.text, file.type);
  };
  return (
    <section class="coverage-section area-selected" aria-labelledby="area-selected-heading">
      <h3 id="area-selected-heading">{area.name}</h3>
      <div class="area-fields">
        <label class="label" for="area-name">
          Name
        </label>
        <input
          id="area-name"
          class="input"
          type="text"
          maxLength={200}
          value={area.name}
          onChange={(event) => {
            const name = event.currentTarget.value.trim();
            if (name) store.getState().updateArea(area.id, { name });
            else event.currentTarget.value = area.name;
          }}
        />
        <label class="label" for="area-description">
          Description
        </label>
        <textarea id="area-description" class="input" rows={2} maxLength={2000} value={area.description} onChange={(event) => store.getState().updateArea(area.id, { description: event.currentTarget.value })} />
        <label class="label" for="area-colour">
          Outline colour
        </label>
        <input id="area-colour" type="color" value={area.colour} onChange={(event) => store.getState().updateArea(area.id, { colour: event.currentTarget.value })} />
      </div>
      <AreaFigures area={area} />
      <div class="button-row area-exports">
        <button type="button" class="button-secondary button-small" onClick={() => void save('geojson')}>
          Export GeoJSON
        </button>
        <button type="button" class="button-secondary button-small" onClick={() => void save('csv')}>
          Export LSOAs (CSV)
        </button>
        <button type="button" class="button-secondary button-small" onClick={() => store.getState().areaToScheme(area.id)}>
          Make a scheme of this area
        </button>
        <button type="button" class="button-secondary button-small" onClick={() => void store.getState().showAreaDashboard(area.id)}>
          Coverage dashboard for this area
        </button>
      </div>
      {exportError && (
        <p class="error-message" role="alert">
          {exportError}
        </p>
      )}
    </section>
  );
}

function AreaFigures({ area }: { area: TargetArea }) {
  const report = useAppState((state) => state.areas.report);
  const rule = useAppState((state) => state.coverage.rule);
  const indicator = useAppState((state) => state.indicator);
  const gapDecile = useAppState((state) => state.coverage.gapDecile);
  const hasRun = useAppState((state) => currentRunKey(state) !== null);
  const schemesShown = useAppState((state) => state.coverage.schemesHash !== null);
  const heading = `${INDICATORS[indicator].short} decile`;
  const current = report.status === 'ready' && report.areaId === area.id && sameDefinition(report.asked.area, area) ? report.report : null;
  const stale = report.status === 'ready' && report.areaId === area.id && !current ? report.report : null;
  const shown = current ?? stale;
  return (
    <div class="area-figures" aria-live="polite" aria-busy={report.status === 'computing'}>
      <p class="hint">{membershipRule(area, rule)}</p>
      {report.status === 'failed' && report.areaId === area.id && (
        <p class="error-message" role="alert">
          {report.message}
        </p>
      )}
      {!shown && report.status === 'computing' && <p role="status">Working out who lives there…</p>}
      {shown && (
        <div class={current ? '' : 'stale'}>
          <ReportNotes report={shown} />
          <dl class="area-headline">
            <div>
              <dt>LSOAs</dt>
              <dd data-testid="area-lsoas">{formatCount(shown.stats.lsoas)}</dd>
            </div>
            <div>
              <dt>People</dt>
              <dd data-testid="area-people">{formatCount(shown.stats.people)}</dd>
            </div>
            <div>
              <dt>In England’s most deprived 10%</dt>
              <dd>{formatPercent(shown.stats.shareMostDeprived10)}</dd>
            </div>
            <div>
              <dt>In the most deprived 20%</dt>
              <dd>{formatPercent(shown.stats.shareMostDeprived20)}</dd>
            </div>
          </dl>
          {shown.stats.people > 0 && <DecileMixChart peopleByDecile={shown.stats.peopleByDecile} place={area.name} heading={heading} />}
          <AreaSchemes report={shown} hasRun={hasRun} schemesShown={schemesShown} gapDecile={gapDecile} place={area.name} />
          <AreaLsoaList report={shown} title={`LSOAs in ${area.name}`} />
        </div>
      )}
    </div>
  );
}

function ReportNotes({ report }: { report: AreaReport }) {
  if (report.notes.length === 0) return null;
  return (
    <ul class="area-notes">
      {report.notes.map((note, k) => (
        <li key={k}>{note}</li>
      ))}
    </ul>
  );
}

/** A stable empty value for the selector (a new object each time would re-render on every store change). */
const NO_KINDS = {};

function AreaSchemes({ report, hasRun, schemesShown, gapDecile, place }: { report: AreaReport; hasRun: boolean; schemesShown: boolean; gapDecile: number; place: string }) {
  const store = useAppStore();
  const definition = useAppState((state) => state.coverage.gapDefinition);
  const byKind = useAppState((state) => state.coverage.result?.run.byKind ?? NO_KINDS);
  if (!hasRun) {
    return <p class="hint">{schemesShown ? 'Schemes reaching it: waiting for the coverage run…' : 'No schemes are shown, so nothing is counted as reaching it. Add schemes under Coverage.'}</p>;
  }
  const reaching = report.stats.schemesReaching.length;
  const gaps = report.gaps ?? new Uint32Array(0);
  return (
    <>
      {report.areaWide && <AreaWideNote areaWide={report.areaWide} byKind={byKind} place={place} />}
      <p data-testid="area-schemes">
        <strong>{formatCount(reaching)}</strong> scheme{reaching === 1 ? '' : 's'} reach it, with <strong>{formatGbp(report.stats.allocatedGbp)}</strong> allocated to its LSOAs.
      </p>
      {reaching > 0 && (
        <details>
          <summary>
            Schemes reaching it{reaching > AREA_SCHEMES_LISTED ? ` (largest ${AREA_SCHEMES_LISTED})` : ''}
          </summary>
          <ul class="area-scheme-list">
            {report.schemes.map((scheme) => (
              <li key={scheme.index}>
                {scheme.name}
                {scheme.amountGbp !== null ? ` — ${formatGbp(scheme.amountGbp)}` : ''}
                {scheme.funder ? ` (${scheme.funder})` : ''}
                {scheme.proposed ? ' · proposed' : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p data-testid="area-gaps">
        <strong>{formatCount(gaps.length)}</strong> gap LSOA{gaps.length === 1 ? '' : 's'} (decile {gapDecile === 1 ? '1' : `1–${gapDecile}`}, {definition === 'unreached' ? 'nothing reaching' : 'the fewest schemes reaching them'}){gaps.length > 0 ? ':' : '.'}
      </p>
      {gaps.length > 0 && <LsoaLinks lsoas={[...gaps]} onChoose={(lsoa) => store.getState().selectLsoa(lsoa, { fly: true, keepTab: true })} />}
    </>
  );
}

const LSOAS_LISTED = 500;

function AreaLsoaList({ report, title }: { report: AreaReport; title: string }) {
  const store = useAppStore();
  const count = report.lsoas.length;
  if (count === 0) return <p class="hint">No LSOA is in this area under the rule.</p>;
  return (
    <details class="area-lsoa-list" onToggle={() => store.getState().loadDetails()}>
      <summary>
        {title} ({formatCount(count)}){count > LSOAS_LISTED ? `: the first ${LSOAS_LISTED}; export the CSV for all` : ''}
      </summary>
      <LsoaLinks lsoas={[...report.lsoas.slice(0, LSOAS_LISTED)]} onChoose={(lsoa) => store.getState().selectLsoa(lsoa, { fly: true, keepTab: true })} />
    </details>
  );
}

function LsoaLinks({ lsoas, onChoose }: { lsoas: number[]; onChoose: (lsoa: number) => void }) {
  const codes = useAppState((state) => state.attributes.codes);
  const names = useAppState((state) => (state.details.status === 'ready' ? state.details.details.names : null));
  return (
    <ul class="area-lsoas">
      {lsoas.map((lsoa) => (
        <li key={lsoa}>
          <button type="button" class="link-button" onClick={() => onChoose(lsoa)}>
            {codes[lsoa]}
          </button>{' '}
          {names?.[lsoa] ?? ''}
        </li>
      ))}
    </ul>
  );
}
