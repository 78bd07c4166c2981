import './ImportDialog.css';
import { useEffect, useState } from 'preact/hooks';
import { PLACEMENT_LABELS } from '../core/placement';
import { SCHEME_KINDS } from '../core/scheme';
import { describeMeaning, LOCATION_PLACES, type ColumnMeaning, type LocationPart, type SchemeField } from '../data/import/columns';
import { PREVIEW_PROBLEMS, type ImportPreview } from '../contract';
import { formatGbp } from './coverage-format';
import { downloadProblems } from './download';
import { useModal } from './use-modal';
import { useAppState, useAppStore } from './use-store';

const FIELDS: readonly SchemeField[] = ['id', 'name', 'amount', 'funder', 'start', 'awarded', 'end', 'kind', 'theme', 'radius'];
const PARTS: readonly LocationPart[] = ['latitude', 'longitude', 'easting', 'northing', 'postcode', 'code', 'code-type'];

/** Every meaning a column can be given, grouped as the select shows them. */
const MEANING_GROUPS: readonly { label: string; meanings: ColumnMeaning[] }[] = [
  { label: 'Scheme', meanings: [{ kind: 'ignore' }, ...FIELDS.map((field): ColumnMeaning => ({ kind: 'field', field }))] },
  ...LOCATION_PLACES.map((place) => ({
    label: place === 'beneficiary' ? 'Where it benefits (preferred)' : place === 'scheme' ? 'Its own location' : "Recipient's address (last resort)",
    meanings: [
      ...PARTS.map((part): ColumnMeaning => ({ kind: 'location', place, part })),
      { kind: 'location', place, part: 'code', lsoaVintage: 'lsoa21' } as ColumnMeaning,
      { kind: 'location', place, part: 'code', lsoaVintage: 'lsoa11' } as ColumnMeaning,
    ],
  })),
];

const key = (meaning: ColumnMeaning) => JSON.stringify(meaning);
const MEANINGS = new Map(MEANING_GROUPS.flatMap((group) => group.meanings.map((m) => [key(m), m] as const)));

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/**
 * The import preview: what each column was taken to mean (changeable), the first schemes as they
 * will be added, and which rows will be skipped and why. Nothing is added until "Import".
 */
export function ImportDialog() {
  const store = useAppStore();
  const importing = useAppState((state) => state.coverage.importing);
  const dialog = useModal(importing.kind === 'preview');

  return (
    <dialog
      ref={dialog}
      class="dialog import-dialog"
      aria-labelledby="import-heading"
      onCancel={(event) => {
        event.preventDefault(); // Esc: cancel the import (and let the state close the dialog).
        store.getState().cancelImport();
      }}
    >
      {importing.kind === 'preview' && <PreviewBody preview={importing.preview} updating={importing.updating} />}
    </dialog>
  );
}

function PreviewBody({ preview, updating }: { preview: ImportPreview; updating: boolean }) {
  const store = useAppStore();
  const queued = useAppState((state) => state.coverage.importQueue.length);
  const skipped = preview.errors;
  return (
    <div aria-busy={updating}>
      <h2 id="import-heading">Import {preview.name}</h2>
      <p class="import-summary" role="status">
        {preview.format}
        {preview.rows !== null ? `, ${plural(preview.rows, 'row', 'rows')}` : ''}: <strong>{plural(preview.schemes, 'scheme', 'schemes')}</strong> will be added
        {skipped > 0 ? `; ${plural(skipped, preview.rows !== null ? 'row' : 'feature', preview.rows !== null ? 'rows' : 'features')} will be skipped` : ''}.
        {updating ? ' Updating…' : ''}
      </p>
      {preview.locatedBy.length > 0 && (
        <p class="hint">Placed by {preview.locatedBy.map(([how, count]) => `${how.toLowerCase()} (${count.toLocaleString('en-GB')})`).join('; ')}.</p>
      )}
      <PlacementWarning preview={preview} disabled={updating} />
      {(preview.shapes.line > 0 || preview.shapes.point > 0) && <ReachControls preview={preview} disabled={updating} />}
      {preview.table && <ColumnTable preview={preview} disabled={updating} />}
      <SampleSchemes preview={preview} />
      {preview.reasons.length > 0 && (
        <section aria-labelledby="import-skipped-heading">
          <h3 id="import-skipped-heading">Why rows will be skipped</h3>
          <ul class="problem-list">
            {preview.reasons.slice(0, 6).map(({ reason, count }) => (
              <li key={reason} class="problem-error">
                {reason}
                {count > 1 ? ` (and ${plural(count - 1, 'more like it', 'more like it')})` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {preview.problems.length > 0 && (
        <p>
          <button type="button" class="link-button" onClick={() => downloadProblems(preview.name, preview.problems)}>
            Download the problems (CSV{preview.errors + preview.warnings > PREVIEW_PROBLEMS ? `, first ${PREVIEW_PROBLEMS}; all come with the dataset` : ''})
          </button>
        </p>
      )}
      <div class="button-row">
        <button type="button" class="button" disabled={updating || preview.schemes === 0} onClick={() => void store.getState().confirmImport()}>
          {preview.schemes === 0 ? 'Nothing to import' : `Import ${plural(preview.schemes, 'scheme', 'schemes')}`}
        </button>
        <button type="button" class="button-secondary" onClick={() => store.getState().cancelImport()}>
          Cancel
        </button>
        {queued > 0 && <span class="hint">Then {plural(queued, 'more file', 'more files')}.</span>}
      </div>
    </div>
  );
}

function ColumnTable({ preview, disabled }: { preview: ImportPreview; disabled: boolean }) {
  const store = useAppStore();
  const table = preview.table!;
  return (
    <section aria-labelledby="import-columns-heading">
      <h3 id="import-columns-heading">What each column means</h3>
      <p class="hint">Detected from the headers; change any that are wrong. The same headers get the same choices next time.</p>
      <div class="table-scroll">
        <table class="import-columns">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Means</th>
              <th scope="col">First values</th>
            </tr>
          </thead>
          <tbody>
            {table.headers.map((header, c) => {
              const id = `import-column-${c}`;
              return (
                <tr key={header + c}>
                  <th scope="row">
                    <label for={id}>{header}</label>
                  </th>
                  <td>
                    <select
                      id={id}
                      class="select"
                      disabled={disabled}
                      value={key(table.meanings[c]!)}
                      onChange={(event) => {
                        const meaning = MEANINGS.get(event.currentTarget.value);
                        if (meaning) store.getState().setImportMeaning(c, meaning);
                      }}
                    >
                      {MEANING_GROUPS.map((group) => (
                        <optgroup key={group.label} label={group.label}>
                          {group.meanings.map((m) => (
                            <option key={key(m)} value={key(m)}>
                              {describeMeaning(m)}
                            </option>
                          ))}
                        </optgroup>
                      ))}
                    </select>
                  </td>
                  <td class="sample-values" title={values(table.sample, c)}>
                    {values(table.sample, c)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * How far the routes and points reach where the file does not say: a bus route's walking
 * catchment (400 m either side by default), a stop's (400 m around; points with NaPTAN columns are
 * stops, or the user says so) or another point's (none by default).
 */
function ReachControls({ preview, disabled }: { preview: ImportPreview; disabled: boolean }) {
  const store = useAppStore();
  const { reach } = preview;
  const stops = preview.stops > 0;
  const [line, setLine] = useState(String(reach.lineBufferM));
  const [point, setPoint] = useState(String(stops ? reach.stopRadiusM : reach.pointRadiusM));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setLine(String(reach.lineBufferM));
    setPoint(String(stops ? reach.stopRadiusM : reach.pointRadiusM));
  }, [reach.lineBufferM, reach.pointRadiusM, reach.stopRadiusM, stops]);
  const read = (): { lineBufferM: number; radiusM: number } | null => {
    const lineBufferM = Number(line);
    const radiusM = Number(point);
    if (![lineBufferM, radiusM].every((m) => Number.isFinite(m) && m >= 0 && m <= 50_000)) {
      setError('Enter a distance in metres, from 0 to 50,000.');
      return null;
    }
    setError(null);
    return { lineBufferM, radiusM };
  };
  const apply = (event: Event) => {
    event.preventDefault();
    const metres = read();
    if (!metres) return;
    store
      .getState()
      .setImportReach(
        stops
          ? { ...reach, lineBufferM: metres.lineBufferM, stopRadiusM: metres.radiusM }
          : { ...reach, lineBufferM: metres.lineBufferM, pointRadiusM: metres.radiusM },
      );
  };
  const choosePoints = (areStops: boolean) => {
    const { pointsAreStops: _, ...rest } = reach;
    store.getState().setImportReach({ ...rest, pointsAreStops: areStops });
  };
  return (
    <form class="reach-controls" onSubmit={apply} aria-labelledby="import-reach-heading">
      <h3 id="import-reach-heading">How far they reach</h3>
      <p class="hint">Used where the file gives no buffer_m or radius_m.</p>
      {error && <p class="error-text">{error}</p>}
      {preview.shapes.point > 0 && (
        <div class="reach-row">
          <label>
            The {plural(preview.shapes.point, 'point is', 'points are')}{' '}
            <select class="select" value={stops ? 'stops' : 'places'} disabled={disabled} onChange={(e) => choosePoints(e.currentTarget.value === 'stops')}>
              <option value="stops">transport stops (a walking catchment)</option>
              <option value="places">other places</option>
            </select>
          </label>
          {stops && reach.pointsAreStops === undefined && <span class="hint">Read as stops: the file has NaPTAN stop codes.</span>}
        </div>
      )}
      <div class="reach-row">
        {preview.shapes.line > 0 && (
          <label>
            Routes ({preview.shapes.line.toLocaleString('en-GB')}): metres either side{' '}
            <input
              class="input input-short"
              type="number"
              min={0}
              max={50000}
              step={50}
              value={line}
              disabled={disabled}
              onInput={(e) => setLine(e.currentTarget.value)}
            />
          </label>
        )}
        {preview.shapes.point > 0 && (
          <label>
            {stops ? 'Stops' : 'Points'} ({preview.shapes.point.toLocaleString('en-GB')}): metres around{' '}
            <input
              class="input input-short"
              type="number"
              min={0}
              max={50000}
              step={50}
              value={point}
              disabled={disabled}
              onInput={(e) => setPoint(e.currentTarget.value)}
            />
          </label>
        )}
        <button type="submit" class="button-secondary" disabled={disabled}>
          Apply
        </button>
      </div>
    </form>
  );
}

/**
 * When most schemes are recorded only for a whole district, county or region: says so before the
 * user imports, and offers the file's finer location columns (a recipient's postcode) where given.
 */
function PlacementWarning({ preview, disabled }: { preview: ImportPreview; disabled: boolean }) {
  const store = useAppStore();
  const { areaWide, finer, preferFinest } = preview;
  if (areaWide === 0 && !preferFinest) return null;
  const mostly = areaWide > preview.schemes / 2;
  return (
    <section class={mostly ? 'warning-panel placement-warning' : 'placement-warning'} aria-labelledby="import-placement-heading">
      <h3 id="import-placement-heading">{mostly ? 'Most of these schemes are recorded only for a whole area' : 'Where the schemes are recorded'}</h3>
      <p>
        {areaWide > 0 && (
          <>
            <strong>{plural(areaWide, 'scheme is', 'schemes are')}</strong> located no finer than a district, county or region. The file cannot say which
            neighbourhoods they reached, so GapMap lists them on their own line instead of counting them as reaching every LSOA of their area (you can count
            them that way under Coverage, as an assumption).{' '}
          </>
        )}
        Located by: {preview.placements.map(([placement, count]) => `${PLACEMENT_LABELS[placement]} (${count.toLocaleString('en-GB')})`).join('; ')}.
      </p>
      {finer && !preferFinest && (
        <p>
          The file has finer locations for {plural(finer.schemes, 'of them', 'of them')}.{' '}
          <button type="button" class="button-secondary" disabled={disabled} onClick={() => store.getState().setImportPreferFinest(true)}>
            Use the finer location where a row has one
          </button>
        </p>
      )}
      {preferFinest && (
        <p>
          Each row is placed by the finest location it gives, whichever columns hold it. A recipient’s address is where the organisation is, which may not be
          where the money was spent.{' '}
          <button type="button" class="link-button" disabled={disabled} onClick={() => store.getState().setImportPreferFinest(false)}>
            Place by where it benefits first, as before
          </button>
        </p>
      )}
    </section>
  );
}

/** The first non-empty values of column c, for a glance at what it holds. */
function values(sample: readonly (readonly string[])[], c: number): string {
  return sample
    .map((row) => (row[c] ?? '').trim())
    .filter((v) => v !== '')
    .slice(0, 3)
    .join(' · ');
}

function SampleSchemes({ preview }: { preview: ImportPreview }) {
  if (preview.sample.length === 0) return null;
  return (
    <section aria-labelledby="import-sample-heading">
      <h3 id="import-sample-heading">The first schemes, as they will be added</h3>
      {/* Scrolls sideways in a narrow window and holds nothing focusable: a tab stop lets keys scroll it. */}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="import-sample-heading">
        <table class="import-sample">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Amount</th>
              <th scope="col">Placed by</th>
              <th scope="col">Start</th>
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((scheme) => (
              <tr key={scheme.id}>
                <td>{scheme.name}</td>
                <td>{SCHEME_KINDS.includes(scheme.kind) ? scheme.kind : ''}</td>
                <td class="num">{scheme.amountGbp !== undefined ? formatGbp(scheme.amountGbp) : '—'}</td>
                <td>{scheme.locatedBy ?? scheme.footprint.type}</td>
                <td>{scheme.start ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
