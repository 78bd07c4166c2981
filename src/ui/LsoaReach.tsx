import './Panel.css';
import { formatCount } from '../core/legend';
import { formatGbp, formatGbpPerHead, formatKm } from './coverage-format';
import { useAppState } from './use-store';

/**
 * What reaches one LSOA in the coverage run shown: schemes (for transport, distinct services and
 * stops within their catchment), £ allocated and per head, and the nearest scheme when none
 * reaches it (measured for gaps). Nothing until a run of the schemes shown is done.
 */
export function LsoaReach({ lsoa }: { lsoa: number }) {
  const coverage = useAppState((state) => state.coverage);
  const population = useAppState((state) => state.attributes.population[lsoa] ?? 0);
  const { result, schemesHash, summary, includeProposed, nearestKm } = coverage;
  if (!result || result.run.schemesHash !== schemesHash) return null;
  const { run } = result;
  const figures = includeProposed && run.withProposed ? run.withProposed : run;
  const count = figures.count[lsoa] ?? 0;
  const services = figures.services[lsoa] ?? 0;
  const stops = figures.stops[lsoa] ?? 0;
  const allocated = figures.allocatedGbp[lsoa] ?? 0;
  const gap = summary?.summary.gaps.find((g) => g.index === lsoa);
  const km = count > 0 ? 0 : gap && !Number.isNaN(gap.nearestKm) ? gap.nearestKm : nearestKm.get(lsoa);
  const apart = summary?.summary.areaWide?.mode === 'separate' && (summary.summary.areaWide.count ?? 0) > 0;
  return (
    <section class="lsoa-reach" aria-labelledby="lsoa-reach-heading" data-testid="lsoa-reach">
      <h3 id="lsoa-reach-heading">What reaches it</h3>
      <dl class="facts">
        <dt>Schemes reaching it</dt>
        <dd>
          {formatCount(count)}
          {(services > 0 || stops > 0) && ` (${formatCount(services)} transport services, ${formatCount(stops)} stops within their catchment)`}
        </dd>
        <dt>Allocated here</dt>
        <dd>
          {formatGbp(allocated)} ({formatGbpPerHead(population > 0 ? allocated / population : null)} per head)
        </dd>
        {count === 0 && (
          <>
            <dt>Nearest scheme</dt>
            <dd>{km === undefined ? 'measured for gaps in the coverage list' : `${formatKm(km)} km`}</dd>
          </>
        )}
      </dl>
      {gap && (
        <p class="hint">
          A gap: {summary?.summary.headline.definition === 'underserved' ? 'among the least served' : 'no scheme reaches it'}, in{' '}
          {summary?.summary.headline.gapDecile === 1 ? 'decile 1' : `deciles 1–${summary?.summary.headline.gapDecile}`}.
        </p>
      )}
      {apart && <p class="hint">Schemes recorded only for a whole district, county or region are not counted here (see Coverage).</p>}
      <p class="hint">From {result.datasetName}, under the rule chosen in Coverage.</p>
    </section>
  );
}
