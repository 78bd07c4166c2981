import './coverage.css';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { GapDefinition } from '../core/gap-definition';
import { formatCount } from '../core/legend';
import { GAP_DISTANCES_MEASURED } from '../state/slices/summary-view';
import type { CoverageState } from '../state/slices/coverage-state';
import { DEFAULT_GAP_SORT, gapRows, sortGapRows, type GapRow, type GapSort, type GapSortKey } from '../state/gap-list';
import { decileRange, formatKm, mostDeprivedPhrase } from './coverage-format';
import { downloadText } from './download';
import { useAppState, useAppStore } from './use-store';

/** Every row is one line this tall, so only the rows in view are drawn (thousands of gaps in England). */
const ROW_PX = 30;
/** Rows drawn above and below the visible ones, so fast scrolling shows no blank. */
const OVERSCAN = 12;
const VIEW_PX = 420;

const COLUMNS: readonly { key: GapSortKey | null; label: string; numeric: boolean; firstDescending?: boolean }[] = [
  { key: 'rank', label: 'Rank', numeric: true },
  { key: null, label: 'Decile', numeric: true },
  { key: 'name', label: 'Name', numeric: false },
  { key: 'ward', label: 'Ward', numeric: false },
  { key: 'people', label: 'People', numeric: true, firstDescending: true },
  { key: 'reach', label: 'Schemes reaching', numeric: true },
  { key: 'km', label: 'Nearest scheme (km)', numeric: true, firstDescending: true },
];

/**
 * The gap list: every uncovered deprived LSOA in the scope, sortable by any column, drawn a
 * screenful at a time; a name flies the map there; the list (in its order) downloads as CSV.
 */
export function GapList({ coverage, place, gapDecile, definition }: { coverage: CoverageState; place: string; gapDecile: number; definition: GapDefinition }) {
  const store = useAppStore();
  const details = useAppState((state) => state.details);
  const attributes = useAppState((state) => state.attributes);
  const [sort, setSort] = useState<GapSort>(DEFAULT_GAP_SORT);
  const [scrollTop, setScrollTop] = useState(0);
  const frame = useRef<number | null>(null);
  const gaps = coverage.summary?.summary.gaps ?? [];
  const loaded = details.status === 'ready' ? details.details : null;
  const rows = useMemo(() => sortGapRows(gapRows(gaps, coverage.nearestKm, attributes, loaded), sort), [gaps, coverage.nearestKm, attributes, loaded, sort]);

  if (gaps.length === 0) {
    return (
      <p class="no-gaps">
        {definition === 'unreached'
          ? `No gaps: every LSOA in ${mostDeprivedPhrase(gapDecile)} in ${place} is reached by at least one scheme.`
          : `No gaps: ${place} has no LSOA in ${mostDeprivedPhrase(gapDecile)}.`}
      </p>
    );
  }
  const transport = gaps.some((gap) => gap.services > 0 || gap.stops > 0);

  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_PX) / ROW_PX) + OVERSCAN);
  const visible = rows.slice(first, last);
  const sortBy = (key: GapSortKey, firstDescending = false) =>
    setSort(sort.key === key ? { key, descending: !sort.descending } : { key, descending: firstDescending });
  const sortLabel = COLUMNS.find((c) => c.key === sort.key)!.label.toLowerCase();

  return (
    <>
      <div
        class="table-scroll gap-scroll"
        role="region"
        aria-labelledby="gap-table-caption"
        tabIndex={0}
        style={{ maxHeight: `${VIEW_PX}px` }}
        onScroll={(event) => {
          const top = event.currentTarget.scrollTop;
          if (frame.current !== null) cancelAnimationFrame(frame.current);
          frame.current = requestAnimationFrame(() => setScrollTop(top));
        }}
      >
        <table class="data-table gap-table" aria-rowcount={rows.length + 1}>
          <caption id="gap-table-caption">
            {definition === 'unreached'
              ? `Gaps: LSOAs in ${decileRange(gapDecile)} that no scheme reaches (${formatCount(rows.length)})`
              : `Gaps: the least served LSOAs in ${decileRange(gapDecile)}, the fewest schemes reaching them (${formatCount(rows.length)})`}
          </caption>
          <thead>
            <tr aria-rowindex={1}>
              {COLUMNS.map(({ key, label, numeric, firstDescending }) => (
                <th
                  key={label}
                  scope="col"
                  class={numeric ? 'number' : undefined}
                  aria-sort={key && sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  {key ? (
                    <button type="button" class="sort-button" onClick={() => sortBy(key, firstDescending)}>
                      {label}
                      <span aria-hidden="true">{sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  ) : (
                    label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && <tr class="spacer" aria-hidden="true" style={{ height: `${first * ROW_PX}px` }} />}
            {visible.map((row, k) => (
              <tr key={row.index} aria-rowindex={first + k + 2} style={{ height: `${ROW_PX}px` }}>
                <td class="number">{formatCount(row.rank)}</td>
                <td class="number">{row.decile}</td>
                <td class="gap-name">
                  <button
                    type="button"
                    class="link-button"
                    title={row.code}
                    onClick={() => store.getState().selectLsoa(row.index, { fly: true, keepTab: true })}
                  >
                    {row.name ?? row.code}
                  </button>
                </td>
                <td class="gap-ward">{row.ward ?? ''}</td>
                <td class="number">{formatCount(row.people)}</td>
                <td class="number" title={transport ? reachTitle(row) : undefined}>
                  {formatCount(row.schemes)}
                  {transport && (
                    <span class="reach-detail">
                      {' '}
                      ({formatCount(row.services)} svc, {formatCount(row.stops)} stops)
                    </span>
                  )}
                </td>
                <td class="number">{formatKm(row.km)}</td>
              </tr>
            ))}
            {last < rows.length && <tr class="spacer" aria-hidden="true" style={{ height: `${(rows.length - last) * ROW_PX}px` }} />}
          </tbody>
        </table>
      </div>
      <div class="gap-list-footer">
        <p class="hint">
          {formatCount(rows.length)} {rows.length === 1 ? 'gap' : 'gaps'}, by {sortLabel}
          {sort.descending ? ' (highest first)' : ''}. Rank: 1 = most deprived LSOA in England. Schemes reaching: how many counted schemes reach it
          {transport ? ' (of which distinct bus services, svc, and stops within their catchment)' : ''}. Nearest scheme: from the LSOA’s edge to the edge of the
          nearest scheme’s reach
          {gaps.length > GAP_DISTANCES_MEASURED ? `; measured for the ${formatCount(GAP_DISTANCES_MEASURED)} most deprived` : ''}.
        </p>
        <button type="button" class="button-secondary button-small" onClick={() => downloadGaps(rows, place)}>
          Download the list (CSV)
        </button>
      </div>
      {coverage.measureNote && (
        <p class="coverage-note">
          {coverage.measureNote}{' '}
          <button type="button" class="link-button" onClick={() => store.getState().measureGapDistances()}>
            Measure the distances
          </button>
        </p>
      )}
    </>
  );
}

function reachTitle(row: GapRow): string {
  return `${formatCount(row.schemes)} schemes reach it: ${formatCount(row.services)} distinct services and ${formatCount(row.stops)} stops`;
}

function downloadGaps(rows: readonly GapRow[], place: string): void {
  const file = `gapmap-gaps-${place.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`;
  void import('../data/gaps-csv').then(({ gapsCsv }) => downloadText(file, gapsCsv(rows), 'text/csv'));
}
