import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DECILE_COLOURS, DECILE_END_WORDS, formatCount, formatShare, legendTitle } from '../core/legend';
import { selectLegendTally, selectScopeName } from '../state/selectors';
import { useAppState, useAppStore } from './use-store';

/** Says what the colours mean and counts LSOAs and people per decile in the current scope. */
export function Legend() {
  const store = useAppStore();
  const indicator = useAppState((state) => state.indicator);
  const tally = useAppState(selectLegendTally);
  const scopeName = useAppState(selectScopeName);
  const populationSource = useAppState((state) => state.manifest.populationSource);
  const [showCounts, setShowCounts] = useState(true);
  const element = useRef<HTMLElement>(null);
  const { heading, explainer } = legendTitle(indicator);

  // Report the legend's footprint so the map fits areas beside it rather than under it.
  useLayoutEffect(() => {
    const legend = element.current;
    if (!legend) return;
    const report = () => store.getState().setLegendInset(legend.offsetLeft + legend.offsetWidth);
    report();
    const observer = new ResizeObserver(report);
    observer.observe(legend);
    return () => observer.disconnect();
  }, [store]);

  return (
    <section
      class={showCounts ? 'legend' : 'legend legend-compact'}
      aria-labelledby="legend-heading"
      ref={element}
    >
      <div class="legend-header">
        <h2 id="legend-heading">{heading}</h2>
        <button
          type="button"
          class="link-button legend-toggle"
          aria-expanded={showCounts}
          aria-controls="legend-counts"
          onClick={() => setShowCounts(!showCounts)}
        >
          {showCounts ? 'Hide counts' : 'Show counts'}
        </button>
      </div>
      <p class="legend-explainer">{explainer}</p>
      {showCounts ? (
        <div id="legend-counts">
          <p class="legend-scope">
            <strong>{scopeName}:</strong> {formatCount(tally.totalLsoas)} LSOAs, {formatCount(tally.totalPeople)} people
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Decile</th>
                <th scope="col" class="number">
                  LSOAs
                </th>
                <th scope="col" class="number">
                  People
                </th>
              </tr>
            </thead>
            <tbody>
              {DECILE_COLOURS.map((colour, i) => {
                const decile = i + 1;
                const words = decile === 1 ? DECILE_END_WORDS.first : decile === 10 ? DECILE_END_WORDS.last : null;
                const people = tally.people[i] ?? 0;
                return (
                  <tr key={decile}>
                    <th scope="row">
                      <span class="swatch" style={{ background: colour }} aria-hidden="true" />
                      <span class="decile-number">{decile}</span>
                      {words && <span class="decile-words">{words}</span>}
                    </th>
                    <td class="number">{formatCount(tally.lsoas[i] ?? 0)}</td>
                    <td class="number">
                      {formatCount(people)} <span class="share">({formatShare(people, tally.totalPeople)})</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p class="legend-source">People: {populationSource}. Deciles: IoD2025, MHCLG.</p>
        </div>
      ) : (
        <div class="ramp" id="legend-counts">
          <div class="ramp-swatches" aria-hidden="true">
            {DECILE_COLOURS.map((colour, i) => (
              <span key={colour} style={{ background: colour }}>
                {i + 1}
              </span>
            ))}
          </div>
          <p class="ramp-words">
            <span>1 {DECILE_END_WORDS.first.toLowerCase()}</span>
            <span>10 {DECILE_END_WORDS.last.toLowerCase()}</span>
          </p>
        </div>
      )}
    </section>
  );
}
