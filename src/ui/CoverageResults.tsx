// The coverage tab's results: the headline, the decile table, the charts, the what-if figures and
// the gap list, for the scope (or target area) the run was summarised for.

import './coverage.css';
import { describeRule } from '../core/coverage-rule';
import type { DecileRow } from '../core/coverage-summary-types';
import { DECILE_COLOURS } from '../theme';
import { DECILE_END_WORDS, formatCount, legendTitle } from '../core/legend';
import { scopeName } from '../core/scope';
import { coverageView, sameView } from '../state/slices/summary-view';
import { AreaWideNote } from './AreaWideNote';
import { CoverageCharts } from './CoverageCharts';
import { EvidencePackButton } from './EvidencePackButton';
import { decileRange, formatGbp, formatGbpPerHead, formatPercent, headlineSentence } from './coverage-format';
import { GapList } from './GapList';
import { WhatIf } from './WhatIf';
import { useAppState, useAppStore } from './use-store';

export function CoverageResults() {
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
      <p class="coverage-empty">{coverage.datasets.length > 0 ? 'Show a dataset to see' : 'Add schemes to see'} which LSOAs they reach and who they miss.</p>
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
        {headlineSentence(
          summary.summary.headline,
          { name: place, isEngland },
          { areaWideApart: summary.summary.areaWide?.mode === 'separate' && summary.summary.areaWide.inScope.count > 0 },
        )}
      </p>
      <p class="hint source-line">
        Deprivation: {heading}s (IoD2025), {decileRange(view.gapDecile)} as most deprived. People: {populationSource}. Rule:{' '}
        {lowerFirst(describeRule(run.rule))}. Schemes: {formatCount(run.schemesUsed)} of {formatCount(run.schemesRead)} used, from {result.datasetName}.
      </p>
      <EvidencePackButton />
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
            <th scope="col" class="number">
              LSOAs
            </th>
            <th scope="col" class="number">
              People
            </th>
            <th scope="col" class="number">
              Covered LSOAs
            </th>
            <th scope="col" class="number">
              Covered people
            </th>
            <th scope="col" class="number">
              Share of LSOAs
            </th>
            <th scope="col" class="number">
              Share of people
            </th>
            <th scope="col" class="number">
              Allocated
            </th>
            <th scope="col" class="number">
              £ per head
            </th>
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
        <p class="hint">
          No scheme in the file gives an amount (an <code>amount_gbp</code> property), so no money is allocated.
        </p>
      )}
    </div>
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
