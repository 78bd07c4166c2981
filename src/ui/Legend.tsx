import './Legend.css';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DECILE_COLOURS } from '../theme';
import { DECILE_END_WORDS, formatCount, formatShare, legendTitle } from '../core/legend';
import { BIVARIATE_COLUMNS, BIVARIATE_ROWS, countClasses } from '../core/lsoa-colouring';
import { lsoasInScope } from '../core/scope-lsoas';
import { selectLegendTally, selectLsoaColours, selectScopeName, type LsoaColours } from '../state/selectors';
import { COLOURING_HEADINGS } from '../state/picture';
import { PAGE_COLOURS } from '../theme';
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
  const colours = useAppState(selectLsoaColours);

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

  if (colours) {
    return (
      <section class="legend" aria-labelledby="legend-heading" ref={element}>
        <CoverageLegend colours={colours} indicatorHeading={heading} />
      </section>
    );
  }
  return (
    <section class={showCounts ? 'legend' : 'legend legend-compact'} aria-labelledby="legend-heading" ref={element}>
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

/** The legend for a coverage colouring: classes with their LSOA counts, or the 3×3 grid. */
function CoverageLegend({ colours, indicatorHeading }: { colours: LsoaColours; indicatorHeading: string }) {
  const { heading, explainer } = COLOURING_HEADINGS[colours.kind];
  const { classes } = colours.classified;
  const attributes = useAppState((state) => state.attributes);
  const scope = useAppState((state) => state.scope);
  const scopeName = useAppState(selectScopeName);
  // The key counts the LSOAs in the scope shown (the classes themselves are England's).
  const counts = useMemo(() => countClasses(colours.classified, lsoasInScope(attributes, attributes.lad, scope)), [colours, attributes, scope]);
  const equal = colours.classified.equalGbpPerHead;
  // When every funded LSOA has the same £ per head, "below the median" is empty by construction: leave it out.
  const columns = BIVARIATE_COLUMNS.map((column, c) => ({ column, c })).filter(({ c }) => equal === undefined || c !== 1);
  return (
    <>
      <div class="legend-header">
        <h2 id="legend-heading">{heading}</h2>
      </div>
      {colours.kind === 'bivariate' ? (
        <>
          <p class="legend-explainer">
            {indicatorHeading} (rows) against money per head (columns; median of funded LSOAs £
            {colours.medianGbpPerHead.toLocaleString('en-GB', { maximumFractionDigits: 2 })}). The top-left corner is deprived with nothing allocated.
          </p>
          {equal !== undefined && <EqualPerHeadNote value={equal} />}
          <table class="bivariate-key">
            <caption class="visually-hidden">LSOAs in {scopeName} by deprivation and £ per head</caption>
            <thead>
              <tr>
                <td />
                {columns.map(({ column }) => (
                  <th scope="col" key={column}>
                    {equal !== undefined && column !== BIVARIATE_COLUMNS[0]
                      ? `£${equal.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} per head`
                      : column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {BIVARIATE_ROWS.map((row, r) => (
                <tr key={row}>
                  <th scope="row">{row}</th>
                  {columns.map(({ column, c }) => {
                    const k = r * 3 + c;
                    return (
                      <td
                        key={column}
                        style={{ background: classes[k]!.colour, color: isDark(classes[k]!.colour) ? PAGE_COLOURS.paper : PAGE_COLOURS.ink }}
                        class={k === 0 ? 'bivariate-alarm' : undefined}
                      >
                        {formatCount(counts[k] ?? 0)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p class="legend-source">Numbers: LSOAs in {scopeName} in each cell.</p>
        </>
      ) : (
        <>
          <p class="legend-explainer">{equal !== undefined ? 'Each scheme’s amount shared among the LSOAs it reaches, by population.' : explainer}</p>
          {equal !== undefined && <EqualPerHeadNote value={equal} />}
          <table>
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col" class="number">
                  LSOAs
                </th>
              </tr>
            </thead>
            <tbody>
              {classes.map((c, k) => (
                <tr key={c.label}>
                  <th scope="row">
                    <span class="swatch" style={{ background: c.colour }} aria-hidden="true" />
                    {c.label}
                  </th>
                  <td class="number">{formatCount(counts[k] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="legend-source">LSOAs in {scopeName}.</p>
        </>
      )}
    </>
  );
}

/** Said instead of classes of identical values: equal shares are no evidence of where money went. */
function EqualPerHeadNote({ value }: { value: number }) {
  return (
    <p class="legend-explainer legend-collapsed" data-testid="legend-collapsed">
      Every funded LSOA gets the same £{value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} per head, so there are no classes
      to compare: the money was shared evenly by population over whole areas, which says nothing about which places it reached.
    </p>
  );
}

/** Whether white text reads better than black on this colour (#rrggbb), by relative luminance. */
function isDark(hex: string): boolean {
  const channel = (k: number) => {
    const c = parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return luminance < 0.2;
}
