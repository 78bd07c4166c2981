import './coverage.css';
import { areaWideWords } from '../core/area-wide-words';
import type { AreaWideSummary } from '../core/coverage-summary-types';
import type { SchemeKind } from '../core/scheme';
import { areaNameOfCode } from '../core/scope';
import { useAppState, useAppStore } from './use-store';

/**
 * Schemes recorded only for a whole district, county or region, said in words before any figure:
 * by default they are apart from the figures (the file cannot say which neighbourhoods they
 * reached); the switch counts them as reaching every LSOA of their area, labelled an assumption.
 */
export function AreaWideNote({ areaWide, byKind, place }: { areaWide: AreaWideSummary; byKind: Partial<Record<SchemeKind, number>>; place: string }) {
  const store = useAppStore();
  const attributes = useAppState((state) => state.attributes);
  const mode = useAppState((state) => state.coverage.areaWide);
  const running = useAppState((state) => state.coverage.status.kind === 'running' || state.coverage.status.kind === 'preparing');
  const words = areaWideWords(areaWide, byKind, place, (code) => areaNameOfCode(attributes, code));
  const counted = words.mode === 'counted';
  return (
    <div class={counted ? 'area-wide-note' : 'area-wide-note apart'} data-testid="area-wide-note">
      <p>
        {words.lead && <strong>{words.lead}</strong>}
        {words.lead && ' '}
        {words.rest}
      </p>
      {words.outside && <p class="hint">{words.outside}</p>}
      <div class="checkbox">
        <input
          type="checkbox"
          id="area-wide-count"
          checked={mode === 'count'}
          disabled={running}
          onChange={(event) => store.getState().setAreaWide(event.currentTarget.checked ? 'count' : 'separate')}
        />
        <label for="area-wide-count">Count them as reaching every LSOA of their area (an assumption)</label>
      </div>
    </div>
  );
}
