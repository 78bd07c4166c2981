// The selected target area: its name, description and colour, its live figures (who lives there,
// how deprived it is, what reaches it, its gaps and LSOAs) and its exports.

import './areas.css';
import { useState } from 'preact/hooks';
import { formatCount } from '../core/legend';
import { INDICATORS } from '../core/indicators';
import type { TargetArea } from '../core/target-area';
import { currentRunKey, sameDefinition, selectedArea } from '../state/slices/area-helpers';
import { AREA_SCHEMES_LISTED, type AreaReport } from '../contract';
import { AreaWideNote } from './AreaWideNote';
import { membershipRule } from './area-wording';
import { DecileMixChart } from './DecileMixChart';
import { EvidencePackButton } from './EvidencePackButton';
import { formatGbp, formatPercent } from './coverage-format';
import { downloadText } from './download';
import { useAppState, useAppStore } from './use-store';

export function SelectedArea() {
  const store = useAppStore();
  const area = useAppState(selectedArea);
  const [exportError, setExportError] = useState<string | null>(null);
  // The pack is made from a coverage run's figures: offered once there is one.
  const hasRun = useAppState((state) => currentRunKey(state) !== null);
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
        <textarea
          id="area-description"
          class="input"
          rows={2}
          maxLength={2000}
          value={area.description}
          onChange={(event) => store.getState().updateArea(area.id, { description: event.currentTarget.value })}
        />
        <label class="label" for="area-colour">
          Outline colour
        </label>
        <input
          id="area-colour"
          type="color"
          value={area.colour}
          onChange={(event) => store.getState().updateArea(area.id, { colour: event.currentTarget.value })}
        />
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
      {hasRun && <EvidencePackButton areaId={area.id} />}
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
    // Scrolls when long and holds nothing focusable: a tab stop lets keys scroll it.
    <ul class="area-notes" tabIndex={0} aria-label="Notes on the figures">
      {report.notes.map((note, k) => (
        <li key={k}>{note}</li>
      ))}
    </ul>
  );
}

/** A stable empty value for the selector (a new object each time would re-render on every store change). */
const NO_KINDS = {};

function AreaSchemes({
  report,
  hasRun,
  schemesShown,
  gapDecile,
  place,
}: {
  report: AreaReport;
  hasRun: boolean;
  schemesShown: boolean;
  gapDecile: number;
  place: string;
}) {
  const store = useAppStore();
  const definition = useAppState((state) => state.coverage.gapDefinition);
  const byKind = useAppState((state) => state.coverage.result?.run.byKind ?? NO_KINDS);
  if (!hasRun) {
    return (
      <p class="hint">
        {schemesShown
          ? 'Schemes reaching it: waiting for the coverage run…'
          : 'No schemes are shown, so nothing is counted as reaching it. Add schemes under Coverage.'}
      </p>
    );
  }
  const reaching = report.stats.schemesReaching.length;
  const gaps = report.gaps ?? new Uint32Array(0);
  return (
    <>
      {report.areaWide && <AreaWideNote areaWide={report.areaWide} byKind={byKind} place={place} />}
      <p data-testid="area-schemes">
        <strong>{formatCount(reaching)}</strong> scheme{reaching === 1 ? '' : 's'} reach it, with <strong>{formatGbp(report.stats.allocatedGbp)}</strong>{' '}
        allocated to its LSOAs.
      </p>
      {reaching > 0 && (
        <details>
          <summary>Schemes reaching it{reaching > AREA_SCHEMES_LISTED ? ` (largest ${AREA_SCHEMES_LISTED})` : ''}</summary>
          {/* Scrolls when long and holds nothing focusable: a tab stop lets keys scroll it. */}
          <ul class="area-scheme-list" tabIndex={0} aria-label="Schemes reaching it">
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
        <strong>{formatCount(gaps.length)}</strong> gap LSOA{gaps.length === 1 ? '' : 's'} (decile {gapDecile === 1 ? '1' : `1–${gapDecile}`},{' '}
        {definition === 'unreached' ? 'nothing reaching' : 'the fewest schemes reaching them'}){gaps.length > 0 ? ':' : '.'}
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
