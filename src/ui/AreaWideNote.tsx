import './coverage.css';
import type { AreaWideSummary } from '../core/coverage-summary-types';
import { formatCount } from '../core/legend';
import type { SchemeKind } from '../core/scheme';
import { areaNameOfCode } from '../core/scope';
import { formatGbp } from './coverage-format';
import { useAppState, useAppStore } from './use-store';

const KIND_NOUNS: Record<SchemeKind, [string, string]> = {
  grant: ['grant', 'grants'],
  transport: ['transport scheme', 'transport schemes'],
  community: ['community scheme', 'community schemes'],
  other: ['scheme', 'schemes'],
};

/** "555 grants" when every scheme read is of one kind, else "555 schemes". */
function schemesNoun(count: number, byKind: Partial<Record<SchemeKind, number>>): string {
  const kinds = Object.keys(byKind) as SchemeKind[];
  const [one, many] = kinds.length === 1 ? KIND_NOUNS[kinds[0]!] : KIND_NOUNS.other;
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

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
  const inScope = areaWide.areas.filter((area) => area.inScope);
  const names = inScope.map((area) => area.codes.map((code) => areaNameOfCode(attributes, code)).join(', '));
  const where = names.length <= 3 ? names.join('; ') : `${names.slice(0, 3).join('; ')} and ${formatCount(names.length - 3)} more areas`;
  const what = schemesNoun(areaWide.inScope.count, byKind);
  const money = areaWide.inScope.amountGbp > 0 ? `, ${formatGbp(areaWide.inScope.amountGbp)},` : '';
  const counted = areaWide.mode === 'count';
  const outside = areaWide.count - areaWide.inScope.count;
  return (
    <div class={counted ? 'area-wide-note' : 'area-wide-note apart'} data-testid="area-wide-note">
      {inScope.length > 0 ? (
        <p>
          {counted ? (
            <>
              <strong>Assumption:</strong> {what}
              {money} recorded only for {where} as a whole are counted as reaching every LSOA there, their money shared by population. The file does not say
              which neighbourhoods they reached.
            </>
          ) : (
            <>
              <strong>
                {what}
                {money} recorded only for {where} as a whole:
              </strong>{' '}
              they cannot show which neighbourhoods they reach, so the figures below leave them out and their money is not spread over {place}’s LSOAs.
            </>
          )}
        </p>
      ) : (
        <p>
          {schemesNoun(areaWide.count, byKind)} are recorded only for whole areas outside {place}; they do not bear on it.
        </p>
      )}
      {outside > 0 && inScope.length > 0 && (
        <p class="hint">
          {formatCount(outside)} more are recorded for areas outside {place}.
        </p>
      )}
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
