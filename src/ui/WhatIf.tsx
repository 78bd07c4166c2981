import { useMemo } from 'preact/hooks';
import { whatIfFigures } from '../core/what-if';
import { DECILE_COLOURS } from '../theme';
import { formatCount } from '../core/legend';
import type { CoverageRun } from '../contract';
import type { SummaryState } from '../state/slices/summary-view';
import { decileRange, formatGbp, formatGbpPerHead } from './coverage-format';
import { useAppState, useAppStore } from './use-store';

/** Gaps shown by name, most deprived first. */
const CLOSED_SHOWN = 10;

const signed = (n: number, format: (n: number) => string) => (n > 0 ? `+${format(n)}` : n < 0 ? `−${format(-n)}` : format(0));

/**
 * What the proposed schemes would change, side by side with now: people reached per decile, the
 * gaps they would close, and £ per head in the most deprived deciles. Nothing proposed is in the
 * other figures unless "Include" is ticked.
 */
export function WhatIf({ run, summary, place }: { run: CoverageRun; summary: SummaryState; place: string }) {
  const store = useAppStore();
  const include = useAppState((state) => state.coverage.includeProposed);
  const details = useAppState((state) => state.details);
  const codes = useAppState((state) => state.attributes.codes);
  const { current, withProposed, view } = summary;
  const figures = useMemo(() => (withProposed ? whatIfFigures(current, withProposed, view.gapDecile) : null), [current, withProposed, view.gapDecile]);
  if (!withProposed || !figures || run.proposedSchemes === 0) return null;
  const names = details.status === 'ready' ? details.details.names : null;
  const { closed, closedPeople, perHeadNow: before, perHeadWith: after } = figures;
  const proposed = `${formatCount(run.proposedSchemes)} proposed ${run.proposedSchemes === 1 ? 'scheme' : 'schemes'}`;

  return (
    <section class="coverage-section what-if" aria-labelledby="what-if-heading">
      <h3 id="what-if-heading">What if the proposed schemes went ahead</h3>
      <div class="checkbox">
        <input type="checkbox" id="include-proposed" checked={include} onChange={(event) => store.getState().setIncludeProposed(event.currentTarget.checked)} />
        <label for="include-proposed">Count the {proposed} in the figures and the map</label>
        <span class="hint">{include ? 'The figures above include them.' : 'The figures above are the schemes there now.'}</span>
      </div>
      <p class="headline" data-testid="what-if-headline">
        The {proposed}
        {run.proposedAmountGbp > 0 ? ` (${formatGbp(run.proposedAmountGbp)})` : ''} would close {formatCount(closed.length)} of{' '}
        {formatCount(current.gaps.length)} gaps in {place}, reaching {formatCount(closedPeople)} more people in {decileRange(view.gapDecile)}.
        {before !== null &&
          after !== null &&
          run.amountGbp + run.proposedAmountGbp > 0 &&
          ` £ per head there: ${formatGbpPerHead(before)} now, ${formatGbpPerHead(after)} with them.`}
      </p>
      <div class="table-scroll" role="region" aria-labelledby="what-if-caption" tabIndex={0}>
        <table class="data-table what-if-table">
          <caption id="what-if-caption">People reached by decile, now and with the proposed schemes, {place}</caption>
          <thead>
            <tr>
              <th scope="col">Decile</th>
              <th scope="col" class="number">
                Now
              </th>
              <th scope="col" class="number">
                With proposed
              </th>
              <th scope="col" class="number">
                Change
              </th>
              <th scope="col" class="number">
                £ per head now
              </th>
              <th scope="col" class="number">
                With proposed
              </th>
            </tr>
          </thead>
          <tbody>
            {current.deciles.map((row, k) => {
              const next = withProposed.deciles[k]!;
              return (
                <tr key={row.decile}>
                  <th scope="row">
                    <span class="swatch" style={{ background: DECILE_COLOURS[row.decile - 1] }} aria-hidden="true" />
                    {row.decile}
                  </th>
                  <td class="number">{formatCount(row.coveredPeople)}</td>
                  <td class="number">{formatCount(next.coveredPeople)}</td>
                  <td class="number">{signed(next.coveredPeople - row.coveredPeople, formatCount)}</td>
                  <td class="number">{formatGbpPerHead(row.gbpPerHead)}</td>
                  <td class="number">{formatGbpPerHead(next.gbpPerHead)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {closed.length > 0 && (
        <>
          <h4>Gaps they would close{closed.length > CLOSED_SHOWN ? ` (the ${CLOSED_SHOWN} most deprived of ${formatCount(closed.length)})` : ''}</h4>
          <ul class="closed-gaps">
            {closed.slice(0, CLOSED_SHOWN).map((gap) => (
              <li key={gap.index}>
                <button type="button" class="link-button" onClick={() => store.getState().selectLsoa(gap.index, { fly: true, keepTab: true })}>
                  {names?.[gap.index] ?? codes[gap.index]}
                </button>{' '}
                <span class="hint">
                  decile {gap.decile}, {formatCount(gap.people)} people
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
