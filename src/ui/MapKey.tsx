// The coverage tab's key to the map: schemes and gap outlines on or off, and what colours the LSOAs.

import './coverage.css';
import type { LsoaColouring } from '../core/lsoa-colouring';
import { GAP_COLOUR } from '../theme';
import { decileRange } from './coverage-format';
import { useAppState, useAppStore } from './use-store';

const COLOURINGS: readonly { value: LsoaColouring; label: string; hint: string }[] = [
  { value: 'deprivation', label: 'Deprivation', hint: 'The decile of the indicator chosen above the map.' },
  { value: 'schemes', label: 'Schemes reaching each', hint: 'How many schemes reach the LSOA under the rule.' },
  { value: 'per-head', label: '£ per head', hint: 'Money allocated to the LSOA, per resident.' },
  { value: 'bivariate', label: 'Deprivation × £ per head', hint: 'Both at once: deprived and unfunded stands out.' },
];

export function MapKey() {
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
        <input type="checkbox" id="show-gaps" checked={coverage.showGaps} onChange={(event) => store.getState().setShowGaps(event.currentTarget.checked)} />
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
