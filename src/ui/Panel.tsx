import './Panel.css';
import { DECILE_COLOURS } from '../theme';
import { decileColour, formatCount, legendTitle } from '../core/legend';
import { summariseArea, summariseLsoa, type IndicatorReading } from '../state/selectors';
import type { PanelTab } from '../state/slices/panel';
import type { AreaSelection, PanelMode } from '../state/slices/panel';
import { inkOnDecile } from '../theme';
import { useMemo, useRef } from 'preact/hooks';
import { AreasPanel } from './AreasPanel';
import { CoveragePanel } from './CoveragePanel';
import { LsoaReach } from './LsoaReach';
import { useAppState, useAppStore } from './use-store';

const PANEL_ID = 'side-panel';
const TABS: { tab: PanelTab; label: string }[] = [
  { tab: 'details', label: 'Details' },
  { tab: 'coverage', label: 'Coverage' },
  { tab: 'areas', label: 'Areas' },
];

/**
 * The side panel: one task at a time, in three tabs: details (an LSOA, or a ward/MSOA and its
 * LSOAs), coverage and target areas. Shown while either has something to show; collapsible.
 */
export function Panel() {
  const panel = useAppState((state) => state.panel);
  const collapsed = useAppState((state) => state.panelCollapsed);
  const tab = useAppState((state) => state.panelTab);
  const coverageOpen = useAppState((state) => state.coverageOpen);
  const areasOpen = useAppState((state) => state.areasOpen);
  const store = useAppStore();
  if (panel.mode === 'closed' && !coverageOpen && !areasOpen) return null;
  const label = tab === 'coverage' ? 'Coverage' : tab === 'areas' ? 'Target areas' : panel.mode === 'closed' ? 'Details' : panelLabel(panel);
  if (collapsed) {
    return (
      <aside class="panel panel-collapsed" aria-label={label}>
        <button type="button" class="panel-expand" aria-expanded="false" aria-controls={PANEL_ID} onClick={() => store.getState().setPanelCollapsed(false)}>
          {tab === 'coverage' ? 'Show coverage' : tab === 'areas' ? 'Show areas' : 'Show details'}
        </button>
      </aside>
    );
  }
  return (
    <aside class={tab === 'details' ? 'panel' : 'panel panel-wide'} id={PANEL_ID} role="region" aria-label={label}>
      <div class="panel-tools">
        <button type="button" class="button-secondary" aria-expanded="true" aria-controls={PANEL_ID} onClick={() => store.getState().setPanelCollapsed(true)}>
          Hide panel
        </button>
        <button type="button" class="button-secondary" onClick={() => store.getState().closePanel()}>
          Close <span class="key-hint">(Esc)</span>
        </button>
      </div>
      <PanelTabs tab={tab} />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'coverage' ? (
          <CoveragePanel />
        ) : tab === 'areas' ? (
          <AreasPanel />
        ) : panel.mode === 'closed' ? (
          <div class="panel-body">
            <h2 class="panel-heading">Details</h2>
            <p>Click an LSOA on the map, or search for a place, to see its deprivation ranks and where it is.</p>
          </div>
        ) : (
          <PanelBody panel={panel} />
        )}
      </div>
    </aside>
  );
}

/** Details | Coverage | Areas: a tab list; arrow keys, Home and End move between the tabs. */
function PanelTabs({ tab }: { tab: PanelTab }) {
  const store = useAppStore();
  const list = useRef<HTMLDivElement>(null);
  const choose = (next: PanelTab) => {
    store.getState().showPanelTab(next);
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = TABS.findIndex((t) => t.tab === tab);
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -at, End: TABS.length - 1 - at }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    choose(TABS[(at + step + TABS.length) % TABS.length]!.tab);
  };
  return (
    <div class="panel-tabs" role="tablist" aria-label="Side panel" ref={list} onKeyDown={onKeyDown}>
      {TABS.map(({ tab: t, label }) => (
        <button
          key={t}
          type="button"
          role="tab"
          id={`tab-${t}`}
          class="panel-tab"
          aria-selected={t === tab}
          aria-controls={`panel-${t}`}
          tabIndex={t === tab ? 0 : -1}
          onClick={() => choose(t)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function panelLabel(panel: Exclude<PanelMode, { mode: 'closed' }>): string {
  switch (panel.mode) {
    case 'lsoa':
      return 'LSOA details';
    case 'area':
      return panel.area.kind === 'ward' ? 'Ward details' : 'MSOA details';
  }
}

function PanelBody({ panel }: { panel: Exclude<PanelMode, { mode: 'closed' }> }) {
  switch (panel.mode) {
    case 'lsoa':
      return <LsoaDetails lsoa={panel.index} from={panel.from} />;
    case 'area':
      return <AreaDetails area={panel.area} />;
  }
}

function DetailsStatus() {
  const details = useAppState((state) => state.details);
  switch (details.status) {
    case 'idle':
    case 'loading':
      return <p class="panel-status">Loading names and ranks…</p>;
    case 'failed':
      return <p class="panel-status error-text">Names and ranks could not be loaded. {details.problem.message}</p>;
    case 'ready':
      return null;
  }
}

function LsoaDetails({ lsoa, from }: { lsoa: number; from: AreaSelection | null }) {
  const store = useAppStore();
  const count = useAppState((state) => state.attributes.count);
  // The summaries are built fresh, so they are memoised on what they depend on, not selected.
  const details = useAppState((state) => state.details);
  const summary = useMemo(() => summariseLsoa(store.getState(), lsoa), [store, lsoa, details]);
  const fromArea = useMemo(() => (from ? summariseArea(store.getState(), from) : null), [store, from, details]);
  const { imd } = summary;
  return (
    <div class="panel-body">
      {fromArea && (
        <button type="button" class="link-button" onClick={() => store.getState().closePanel()}>
          ← Back to {fromArea.name} {fromArea.kind === 'ward' ? 'ward' : ''}
        </button>
      )}
      <p class="caption">LSOA · {summary.code}</p>
      <h2 class="panel-heading">{summary.name ?? summary.code}</h2>
      <DetailsStatus />
      {imd && (
        <div class="imd-block">
          <span class="decile-chip" style={chipStyle(imd.decile)} aria-hidden="true">
            {imd.decile}
          </span>
          <div>
            <p class="imd-title">
              {legendTitle('imd').heading}: {imd.decile}
            </p>
            <p>
              Rank{' '}
              <strong>
                {imd.rank === null ? '…' : formatCount(imd.rank)} of {formatCount(count)}
              </strong>
            </p>
            <p class="hint">1 = most deprived</p>
          </div>
        </div>
      )}
      <ReadingTable caption="Domains (IoD2025)" readings={summary.domains} count={count} />
      {summary.supplementary.length > 0 && <ReadingTable caption="Supplementary indices" readings={summary.supplementary} count={count} />}
      <h3>Where</h3>
      <dl class="facts">
        <dt>Ward</dt>
        <dd>{summary.ward ?? '…'}</dd>
        <dt>MSOA</dt>
        <dd>{summary.msoa ? `${summary.msoa.hclName} (${summary.msoa.name})` : '…'}</dd>
        <dt>District</dt>
        <dd>{summary.lad}</dd>
        {summary.county && (
          <>
            <dt>County</dt>
            <dd>{summary.county}</dd>
          </>
        )}
        <dt>Region</dt>
        <dd>{summary.region}</dd>
        <dt>People</dt>
        <dd>
          {formatCount(summary.population)} <span class="hint">({summary.populationSource})</span>
        </dd>
      </dl>
      <LsoaReach lsoa={lsoa} />
      <button
        type="button"
        class="button-secondary"
        onClick={() => {
          store.getState().flyToLsoa(lsoa);
        }}
      >
        Zoom to this LSOA
      </button>
    </div>
  );
}

function chipStyle(decile: number) {
  // Light ramp colours need dark text; dark ones white, for AA contrast either way.
  return { background: decileColour(decile), color: inkOnDecile(decile) };
}

function ReadingTable({ caption, readings, count }: { caption: string; readings: IndicatorReading[]; count: number }) {
  return (
    <table class="readings">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Indicator</th>
          <th scope="col">Decile</th>
          <th scope="col" class="number">
            Rank
          </th>
        </tr>
      </thead>
      <tbody>
        {readings.map((reading) => (
          <tr key={reading.key}>
            <th scope="row">{reading.label}</th>
            <td>
              <span class="bar" aria-hidden="true">
                <span class="bar-fill" style={{ width: `${reading.decile * 10}%`, background: DECILE_COLOURS[reading.decile - 1] }} />
              </span>
              <span class="bar-value">{reading.decile}</span>
            </td>
            <td class="number" title={`of ${formatCount(count)}`}>
              {reading.rank === null ? '…' : formatCount(reading.rank)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AreaDetails({ area }: { area: AreaSelection }) {
  const store = useAppStore();
  const details = useAppState((state) => state.details);
  const indicator = useAppState((state) => state.indicator);
  const populationSource = useAppState((state) => state.manifest.populationSource);
  const summary = useMemo(() => summariseArea(store.getState(), area), [store, area, details, indicator]);
  if (!summary) return <DetailsStatus />;
  const sorted = [...summary.lsoas].sort((a, b) => a.decile - b.decile || a.code.localeCompare(b.code));
  return (
    <div class="panel-body">
      <p class="caption">
        {summary.kind === 'ward' ? 'Ward' : 'MSOA'} · {summary.code}
        {summary.onsName && ` · ${summary.onsName}`}
      </p>
      <h2 class="panel-heading">{summary.name}</h2>
      <p>
        In {summary.lad}. {formatCount(summary.lsoas.length)} LSOAs, {formatCount(summary.population)} people <span class="hint">({populationSource})</span>.
      </p>
      <h3>{legendTitle(indicator).heading}, most deprived first</h3>
      <ul class="lsoa-list">
        {sorted.map((lsoa) => (
          <li key={lsoa.index}>
            <button type="button" class="lsoa-row" onClick={() => store.getState().selectLsoa(lsoa.index, { fly: true })}>
              <span class="decile-chip small" style={chipStyle(lsoa.decile)}>
                {lsoa.decile}
              </span>
              <span>
                <span class="option-label">{lsoa.name}</span>
                <span class="option-detail">{lsoa.code}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
