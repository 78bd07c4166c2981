import { RULE_DESCRIPTIONS, RULE_NAMES, describeRule, formatSharePercent, type CoverageRule } from '../core/coverage-rule';
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useMemo, useReducer, useState } from 'preact/hooks';
import type { DecileRow } from '../core/coverage-summary-types';
import { DECILE_COLOURS, DECILE_END_WORDS, formatCount, legendTitle } from '../core/legend';
import type { LsoaColouring } from '../core/lsoa-colouring';

import { scopeName } from '../core/scope';
import { formatImportProblem } from '../data/import/import-problem';
import { coverageView, sameView, type CoverageState } from '../state/coverage-slice';
import { GAP_COLOUR } from '../state/coverage-style';
import { undoableDeletion, undoableOpen } from '../state/history';
import { decileRange, describeSchemes, formatGbp, formatGbpPerHead, formatPercent, GAP_DEFINITION_NAMES, headlineSentence, readSharePercent } from './coverage-format';
import { GAP_DEFINITIONS } from '../core/gap-definition';
import { AreaWideNote } from './AreaWideNote';
import { CoverageCharts } from './CoverageCharts';
import { DrawSchemeButtons } from './DrawSchemes';
import { SchemeFilters } from './SchemeFilters';
import { Themes } from './Themes';
import { WhatIf } from './WhatIf';
import { GapList } from './GapList';
import { downloadProblems, downloadText } from './download';
import { useAppState, useAppStore } from './use-store';

/** Progress shows after this long; the Cancel button after SHOW_CANCEL_MS. */
const SHOW_PROGRESS_MS = 300;
const SHOW_CANCEL_MS = 3000;

/** The coverage tab: open schemes, choose the rule, read who they reach and who they miss. */
export function CoveragePanel() {
  const store = useAppStore();
  useEffect(() => store.getState().loadDetails(), [store]);
  return (
    <div class="panel-body coverage">
      <h2 class="panel-heading">Coverage</h2>
      <p class="hint">Which LSOAs your schemes reach, and who in the most deprived areas they miss.</p>
      <SchemesFile />
      <SchemeFilters />
      <Themes />
      <RuleChoice />
      <GapDecileChoice />
      <RunStatus />
      <Results />
      <MapKey />
      <Problems />
    </div>
  );
}

// ── Schemes: datasets ─────────────────────────────────────────────────────────────────────────

const ACCEPTED_FILES =
  '.geojson,.json,.csv,.tsv,.txt,.zip,.kml,.kmz,.xlsx,.xlsm,.xls,.ods,application/geo+json,application/json,text/csv,text/tab-separated-values,application/zip,application/vnd.google-earth.kml+xml,application/vnd.google-earth.kmz,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function SchemesFile() {
  const store = useAppStore();
  const coverage = useAppState((state) => state.coverage);
  const { datasets, importing, importErrors, saveError } = coverage;
  const lastDeleted = useAppState(undoableDeletion);
  // Walking every scheme is slow for large datasets: once per change of datasets, not per render.
  const summaries = useMemo(
    () =>
      new Map(
        datasets.map((dataset) => [dataset.id, { shapes: describeSchemes(dataset.stats), skipped: dataset.problems.filter((p) => p.severity === 'error').length }]),
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
        with coordinates, grid references, postcodes or area codes. Several at once, or drop them on the map. You check each
        before it is added.
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
      <p class="hint">Your datasets are saved in this browser. Export them as one GeoJSON file to keep a copy or share them; opening that file here brings them back exactly.</p>
      <div class="button-row">
        <button
          type="button"
          class="button-secondary"
          disabled={count === 0}
          onClick={() => downloadWorkspace(store)}
        >
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

/** Shows its children only once they have been wanted for SHOW_PROGRESS_MS (no flicker on quick work). */
function Delayed({ children }: { children: ComponentChildren }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), SHOW_PROGRESS_MS);
    return () => clearTimeout(timer);
  }, []);
  return shown ? <>{children}</> : null;
}

// ── Rule and gap decile ───────────────────────────────────────────────────────────────────────

function RuleChoice() {
  const store = useAppStore();
  const rule = useAppState((state) => state.coverage.rule);
  const [percentText, setPercentText] = useState(rule.kind === 'share' ? formatSharePercent(rule.share) : '50');
  const [percentError, setPercentError] = useState<string | null>(null);
  const choose = (next: CoverageRule) => store.getState().setCoverageRule(next);
  const applyPercent = (text: string, select: boolean) => {
    const read = readSharePercent(text);
    if (!read.ok) {
      setPercentError(read.message);
      return;
    }
    setPercentError(null);
    setPercentText(formatSharePercent(read.share));
    if (select || store.getState().coverage.rule.kind === 'share') choose({ kind: 'share', share: read.share });
  };
  const kinds: CoverageRule['kind'][] = ['intersects', 'centroid', 'share'];
  return (
    <fieldset class="coverage-section rules">
      <legend>
        <h3>When does a scheme reach an LSOA?</h3>
      </legend>
      {kinds.map((kind) => (
        <div class="radio" key={kind}>
          <input
            type="radio"
            id={`rule-${kind}`}
            name="coverage-rule"
            value={kind}
            checked={rule.kind === kind}
            aria-describedby={`rule-${kind}-hint`}
            onChange={() => (kind === 'share' ? applyPercent(percentText, true) : choose({ kind }))}
          />
          <label for={`rule-${kind}`}>{RULE_NAMES[kind]}</label>
          <p class="hint" id={`rule-${kind}-hint`}>
            {RULE_DESCRIPTIONS[kind]}
          </p>
          {kind === 'share' && (
            <div class={percentError ? 'share-input form-group-error' : 'share-input'}>
              <label for="rule-share-percent">At least</label>
              <input
                id="rule-share-percent"
                class="input input-short"
                inputMode="decimal"
                value={percentText}
                aria-describedby={percentError ? 'rule-share-error' : undefined}
                aria-invalid={percentError ? true : undefined}
                onInput={(event) => setPercentText(event.currentTarget.value)}
                onChange={(event) => applyPercent(event.currentTarget.value, false)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') applyPercent(event.currentTarget.value, true);
                }}
              />
              <span>% of the LSOA’s area</span>
              {percentError && (
                <p class="error-text" id="rule-share-error">
                  {percentError}
                </p>
              )}
            </div>
          )}
        </div>
      ))}
    </fieldset>
  );
}

function GapDecileChoice() {
  const store = useAppStore();
  const gapDecile = useAppState((state) => state.coverage.gapDecile);
  const gapDefinition = useAppState((state) => state.coverage.gapDefinition);
  const indicator = useAppState((state) => state.indicator);
  return (
    <div class="coverage-section">
      <label class="label" for="gap-decile">
        Most deprived means
      </label>
      <select
        id="gap-decile"
        class="select"
        value={String(gapDecile)}
        onChange={(event) => store.getState().setGapDecile(Number(event.currentTarget.value))}
      >
        {Array.from({ length: 10 }, (_, i) => i + 1).map((d) => (
          <option key={d} value={String(d)}>
            {decileRange(d)} ({d === 10 ? 'all LSOAs' : `most deprived ${d * 10}%`})
          </option>
        ))}
      </select>
      <p class="hint">{legendTitle(indicator).heading}s, as the map shows.</p>
      <fieldset class="gap-definition">
        <legend class="label">Gaps are the LSOAs in these deciles that</legend>
        {GAP_DEFINITIONS.map((definition) => (
          <div class="radio" key={definition}>
            <input
              type="radio"
              id={`gaps-${definition}`}
              name="gap-definition"
              value={definition}
              checked={gapDefinition === definition}
              aria-describedby={`gaps-${definition}-hint`}
              onChange={() => store.getState().setGapDefinition(definition)}
            />
            <label for={`gaps-${definition}`}>{GAP_DEFINITION_NAMES[definition].label.toLowerCase()}</label>
            <p class="hint" id={`gaps-${definition}-hint`}>
              {GAP_DEFINITION_NAMES[definition].hint}
            </p>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

// ── Progress, cancel, errors ──────────────────────────────────────────────────────────────────

/** Milliseconds since `startedAt`, re-rendering when progress and Cancel are due. */
function useElapsed(startedAt: number | null): number {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (startedAt === null) return;
    const timers = [SHOW_PROGRESS_MS, SHOW_CANCEL_MS]
      .map((due) => due - (Date.now() - startedAt))
      .filter((wait) => wait > 0)
      .map((wait) => setTimeout(tick, wait + 10, 0));
    return () => timers.forEach(clearTimeout);
  }, [startedAt]);
  return startedAt === null ? 0 : Date.now() - startedAt;
}

function progressText(coverage: CoverageState): { text: string; done: number | null; startedAt: number; counted?: boolean } | null {
  const { status, measuring } = coverage;
  switch (status.kind) {
    case 'preparing':
      return { text: 'Preparing LSOA boundaries…', done: status.done, startedAt: status.startedAt };
    case 'running':
      return status.phase === 'coverage'
        ? { text: 'Finding the LSOAs each scheme reaches…', done: status.done, startedAt: status.startedAt }
        : { text: 'Summarising by decile…', done: null, startedAt: status.startedAt };
    default:
      return measuring
        ? {
            text: `Measuring how far each gap is from the nearest scheme: ${formatCount(measuring.done)} of ${formatCount(measuring.total)} gaps…`,
            done: measuring.total > 0 ? measuring.done / measuring.total : null,
            counted: true,
            startedAt: measuring.startedAt,
          }
        : null;
  }
}

function RunStatus() {
  const store = useAppStore();
  const coverage = useAppState((state) => state.coverage);
  const progress = progressText(coverage);
  const elapsed = useElapsed(progress?.startedAt ?? null);
  const { status } = coverage;
  const labelId = useId();
  if (progress) {
    if (elapsed < SHOW_PROGRESS_MS) return null;
    return (
      <div class="coverage-progress" role="group" aria-label="Progress">
        <p role="status" id={labelId}>
          {progress.text}
          {progress.done !== null && !progress.counted && ` ${Math.floor(progress.done * 100)}%`}
        </p>
        <progress aria-labelledby={labelId} max={1} {...(progress.done !== null ? { value: progress.done } : {})} />
        {elapsed >= SHOW_CANCEL_MS && (
          <button type="button" class="button-secondary" onClick={() => store.getState().cancelCoverage()}>
            Cancel
          </button>
        )}
      </div>
    );
  }
  if (status.kind === 'failed') {
    return (
      <div class="error-summary" role="alert">
        <h4>Coverage could not be worked out</h4>
        <p>{status.message}</p>
        <button type="button" class="button" onClick={() => store.getState().runCoverage()}>
          Try again
        </button>
      </div>
    );
  }
  if (status.kind === 'idle' && status.note && coverage.schemeCount > 0) {
    return (
      <div class="coverage-note" role="status">
        <p>
          {status.note} {coverage.result ? 'The results below are from the last complete run.' : ''}
        </p>
        <button type="button" class="button" onClick={() => store.getState().runCoverage()}>
          Work out coverage
        </button>
      </div>
    );
  }
  return null;
}

// ── Results ───────────────────────────────────────────────────────────────────────────────────

function Results() {
  const store = useAppStore();
  const coverage = useAppState((state) => state.coverage);
  const attributes = useAppState((state) => state.attributes);
  const populationSource = useAppState((state) => state.manifest.populationSource);
  const scope = useAppState((state) => state.scope);
  const indicator = useAppState((state) => state.indicator);
  const { result, summary } = coverage;
  if (!result || !summary) {
    if (coverage.schemeCount > 0 || coverage.importing.kind !== 'none') return null;
    return (
      <p class="coverage-empty">
        {coverage.datasets.length > 0 ? 'Show a dataset to see' : 'Add schemes to see'} which LSOAs they reach and who they miss.
      </p>
    );
  }
  const { view } = summary;
  const place = view.area ? view.area.name : scopeName(attributes, view.scope);
  const isEngland = !view.area && view.scope.kind === 'england';
  const current = coverageView({ scope, indicator, coverage });
  // Dimmed while a newer run or summary is on its way (distances filling in do not count).
  const running = coverage.status.kind === 'preparing' || coverage.status.kind === 'running';
  const outdated = running || !sameView(view, current) || result.run.schemesHash !== coverage.schemesHash;
  const heading = legendTitle(view.indicator).heading;
  const { run } = result;
  return (
    <section class={outdated ? 'coverage-results outdated' : 'coverage-results'} aria-labelledby="results-heading" aria-busy={outdated}>
      <h3 id="results-heading">Results for {place}</h3>
      {view.area && (
        <p class="hint area-scope-note">
          Target area ({formatCount(view.area.lsoas.length)} LSOAs), in place of {scopeName(attributes, scope)}.{' '}
          <button type="button" class="link-button" onClick={() => store.getState().setAreaScope(null)}>
            Back to {scopeName(attributes, scope)}
          </button>
        </p>
      )}
      {summary.summary.areaWide && <AreaWideNote areaWide={summary.summary.areaWide} byKind={run.byKind} place={place} />}
      <p class="headline" data-testid="coverage-headline">
        {headlineSentence(summary.summary.headline, { name: place, isEngland }, { areaWideApart: (summary.summary.areaWide?.mode === 'separate' && summary.summary.areaWide.inScope.count > 0) })}
      </p>
      <p class="hint source-line">
        Deprivation: {heading}s (IoD2025), {decileRange(view.gapDecile)} as most deprived. People: {populationSource}. Rule:{' '}
        {lowerFirst(describeRule(run.rule))}. Schemes: {formatCount(run.schemesUsed)} of {formatCount(run.schemesRead)} used, from{' '}
        {result.datasetName}.
      </p>
      <DecileTable rows={summary.summary.deciles} heading={heading} place={place} amountGbp={run.amountGbp} />
      <CoverageCharts summary={summary.summary} place={place} heading={heading} />
      <WhatIf run={run} summary={summary} place={place} />
      <GapList coverage={coverage} place={place} gapDecile={view.gapDecile} definition={view.gaps} />
    </section>
  );
}

function DecileTable({ rows, heading, place, amountGbp }: { rows: DecileRow[]; heading: string; place: string; amountGbp: number }) {
  const total = rows.reduce(
    (sum, row) => ({
      lsoas: sum.lsoas + row.lsoas,
      people: sum.people + row.people,
      coveredLsoas: sum.coveredLsoas + row.coveredLsoas,
      coveredPeople: sum.coveredPeople + row.coveredPeople,
      allocatedGbp: sum.allocatedGbp + row.allocatedGbp,
    }),
    { lsoas: 0, people: 0, coveredLsoas: 0, coveredPeople: 0, allocatedGbp: 0 },
  );
  return (
    <div class="table-scroll" role="region" aria-labelledby="decile-table-caption" tabIndex={0}>
      <table class="data-table decile-table">
        <caption id="decile-table-caption">
          Reach by {heading}, {place}
        </caption>
        <thead>
          <tr>
            <th scope="col">Decile</th>
            <th scope="col" class="number">LSOAs</th>
            <th scope="col" class="number">People</th>
            <th scope="col" class="number">Covered LSOAs</th>
            <th scope="col" class="number">Covered people</th>
            <th scope="col" class="number">Share of LSOAs</th>
            <th scope="col" class="number">Share of people</th>
            <th scope="col" class="number">Allocated</th>
            <th scope="col" class="number">£ per head</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.decile}>
              <th scope="row">
                <span class="swatch" style={{ background: DECILE_COLOURS[row.decile - 1] }} aria-hidden="true" />
                {row.decile}
                {row.decile === 1 && <span class="visually-hidden"> ({DECILE_END_WORDS.first.toLowerCase()})</span>}
                {row.decile === 10 && <span class="visually-hidden"> ({DECILE_END_WORDS.last.toLowerCase()})</span>}
              </th>
              <td class="number">{formatCount(row.lsoas)}</td>
              <td class="number">{formatCount(row.people)}</td>
              <td class="number">{formatCount(row.coveredLsoas)}</td>
              <td class="number">{formatCount(row.coveredPeople)}</td>
              <td class="number">{formatPercent(row.shareLsoasCovered)}</td>
              <td class="number">{formatPercent(row.sharePeopleCovered)}</td>
              <td class="number">{formatGbp(row.allocatedGbp)}</td>
              <td class="number">{formatGbpPerHead(row.gbpPerHead)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All</th>
            <td class="number">{formatCount(total.lsoas)}</td>
            <td class="number">{formatCount(total.people)}</td>
            <td class="number">{formatCount(total.coveredLsoas)}</td>
            <td class="number">{formatCount(total.coveredPeople)}</td>
            <td class="number">{formatPercent(total.lsoas > 0 ? total.coveredLsoas / total.lsoas : null)}</td>
            <td class="number">{formatPercent(total.people > 0 ? total.coveredPeople / total.people : null)}</td>
            <td class="number">{formatGbp(total.allocatedGbp)}</td>
            <td class="number">{formatGbpPerHead(total.people > 0 ? total.allocatedGbp / total.people : null)}</td>
          </tr>
        </tfoot>
      </table>
      {amountGbp === 0 && (
        <p class="hint">No scheme in the file gives an amount (an <code>amount_gbp</code> property), so no money is allocated.</p>
      )}
    </div>
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// ── Map key and problems ──────────────────────────────────────────────────────────────────────

const COLOURINGS: readonly { value: LsoaColouring; label: string; hint: string }[] = [
  { value: 'deprivation', label: 'Deprivation', hint: 'The decile of the indicator chosen above the map.' },
  { value: 'schemes', label: 'Schemes reaching each', hint: 'How many schemes reach the LSOA under the rule.' },
  { value: 'per-head', label: '£ per head', hint: 'Money allocated to the LSOA, per resident.' },
  { value: 'bivariate', label: 'Deprivation × £ per head', hint: 'Both at once: deprived and unfunded stands out.' },
];

function MapKey() {
  const store = useAppStore();
  const coverage = useAppState((state) => state.coverage);
  const shown = coverage.datasets.filter((d) => d.visible && d.stats.count > 0);
  if (coverage.schemeCount === 0) return null;
  return (
    <fieldset class="coverage-section map-key">
      <legend>
        <h3>On the map</h3>
      </legend>
      <div class="checkbox">
        <input
          type="checkbox"
          id="show-schemes"
          checked={coverage.showSchemes}
          onChange={(event) => store.getState().setShowSchemes(event.currentTarget.checked)}
        />
        <label for="show-schemes">Schemes</label>
        <span class="key-items">
          {shown.map((dataset) => (
            <span key={dataset.id} class="key-item">
              <span class="key-line" style={{ background: dataset.colour }} aria-hidden="true" />
              {dataset.name}
            </span>
          ))}
        </span>
      </div>
      <div class="checkbox">
        <input
          type="checkbox"
          id="show-gaps"
          checked={coverage.showGaps}
          onChange={(event) => store.getState().setShowGaps(event.currentTarget.checked)}
        />
        <label for="show-gaps">Gap outlines</label>
        <span class="key-items">
          <span class="key-item">
            <span class="key-outline" style={{ borderColor: GAP_COLOUR }} aria-hidden="true" />
            {coverage.gapDefinition === 'unreached'
              ? `LSOAs in ${decileRange(coverage.gapDecile)} no scheme reaches`
              : `The least served LSOAs in ${decileRange(coverage.gapDecile)}`}
          </span>
        </span>
      </div>
      <fieldset class="colour-by">
        <legend class="label">Colour the LSOAs by</legend>
        {COLOURINGS.map(({ value, label, hint }) => (
          <div class="radio" key={value}>
            <input
              type="radio"
              id={`colour-by-${value}`}
              name="colour-by"
              checked={coverage.colourBy === value}
              onChange={() => store.getState().setColourBy(value)}
            />
            <label for={`colour-by-${value}`}>{label}</label>
            <span class="hint">{hint}</span>
          </div>
        ))}
      </fieldset>
    </fieldset>
  );
}

/** Problems listed per dataset (at most this many each; all are in the CSV download). */
const PROBLEMS_SHOWN = 100;

function Problems() {
  const datasets = useAppState((state) => state.coverage.datasets);
  const result = useAppState((state) => state.coverage.result);
  const schemesHash = useAppState((state) => state.coverage.schemesHash);
  const runProblems = result && result.run.schemesHash === schemesHash ? result.run.problems : [];
  const shown = datasets.filter((d) => d.visible && d.problems.length > 0);
  const count = shown.reduce((total, d) => total + d.problems.length, 0) + runProblems.length;
  if (count === 0) return null;
  return (
    <section class="coverage-section" aria-labelledby="problems-heading">
      <h3 id="problems-heading">Problems ({formatCount(count)})</h3>
      <p class="hint">Rows and schemes that could not be used are left out; the rest are counted. Notes say what was done about a fixable one.</p>
      {shown.map((dataset) => (
        <div key={dataset.id}>
          <h4 class="problems-dataset">
            {dataset.name}{' '}
            <button
              type="button"
              class="link-button"
              onClick={() => downloadProblems(dataset.name, dataset.problems)}
            >
              Download all {formatCount(dataset.problems.length)} (CSV)
            </button>
          </h4>
          <ul class="problem-list">
            {dataset.problems.slice(0, PROBLEMS_SHOWN).map((problem, i) => (
              <li key={i} class={problem.severity === 'error' ? 'problem-error' : 'problem-note'}>
                <strong>{problem.severity === 'error' ? 'Skipped' : 'Note'}:</strong> {formatImportProblem(problem)}
              </li>
            ))}
            {dataset.problems.length > PROBLEMS_SHOWN && <li>… and {formatCount(dataset.problems.length - PROBLEMS_SHOWN)} more in the download.</li>}
          </ul>
        </div>
      ))}
      {runProblems.length > 0 && (
        <ul class="problem-list">
          {runProblems.map((problem, i) => (
            <li key={`c${i}`} class="problem-error">
              <strong>Not used:</strong> scheme ‘{problem.id}’: {problem.reason}.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
