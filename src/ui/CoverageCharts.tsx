// Three small charts of a coverage summary, each with its words and numbers: who the schemes reach
// by decile (people and LSOAs), £ per head by decile, and the concentration curve of the money.
// Hand-written SVG: a viewBox scaled to the panel's width, text in the page's font, no colour-only
// encoding (hatching, dashes and words), and a table behind every chart.

import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { ConcentrationCurve, CoverageSummary, DecileRow } from '../core/coverage-summary-types';
import { DECILE_COLOURS, DECILE_END_WORDS, formatCount } from '../core/legend';
import {
  curveCaption,
  curveTenths,
  formatGbpTick,
  formatIndex,
  niceTicks,
  perHeadCaption,
  reachCaption,
  SHARE_TICKS,
} from './coverage-charts-model';
import { formatGbpPerHead, formatPercent } from './coverage-format';

export interface CoverageChartsProps {
  summary: CoverageSummary;
  /** The scope's name: "England", "Trafford". */
  place: string;
  /** The indicator's decile heading: "IMD 2025 decile". */
  heading: string;
}

export function CoverageCharts({ summary, place, heading }: CoverageChartsProps) {
  const { deciles, fairness } = summary;
  const hasMoney = fairness.allocatedGbp > 0 && deciles.some((row) => row.people > 0);
  return (
    <div class="coverage-charts">
      <ReachChart rows={deciles} place={place} heading={heading} />
      {hasMoney ? (
        <>
          <PerHeadChart rows={deciles} place={place} heading={heading} />
          {fairness.concentrationCurve && fairness.concentrationIndex !== null && (
            <CurveChart curve={fairness.concentrationCurve} index={fairness.concentrationIndex} place={place} />
          )}
        </>
      ) : (
        <p class="hint coverage-chart-none">
          No money is allocated in {place}, so there is no chart of £ per head or of how the money follows deprivation.
        </p>
      )}
    </div>
  );
}

// ── Frame shared by the decile charts ─────────────────────────────────────────────────────────

const WIDTH = 320;
const INK = '#0b0c0c';
/** Width of a tick label's character, in viewBox units (12-unit text): enough room on the left. */
const TICK_CHAR = 7;

interface DecileFrame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  height: number;
  /** Width of one decile's slot. */
  group: number;
  /** Left edge of a decile's slot. */
  x: (decile: number) => number;
}

/** The decile charts' frame, its left margin wide enough for the longest tick label. */
function decileFrame(tickLabels: readonly string[]): DecileFrame {
  const left = Math.max(36, Math.ceil(6 + TICK_CHAR * Math.max(...tickLabels.map((t) => t.length))));
  const right = WIDTH - 6;
  const group = (right - left) / 10;
  return { left, right, top: 24, bottom: 164, height: 210, group, x: (decile) => left + (decile - 1) * group };
}

/** Value axis (gridlines and labels), the decile axis with its end words, and the y label. */
function DecileAxes({ frame, ticks, labels, label }: { frame: DecileFrame; ticks: readonly number[]; labels: readonly string[]; label: string }) {
  const { left, right, top, bottom } = frame;
  const max = ticks.at(-1)!;
  const y = (v: number) => bottom - (v / max) * (bottom - top);
  return (
    <g>
      <text class="coverage-chart-label" x={0} y={12}>
        {label}
      </text>
      {ticks.map((t, k) => (
        <g key={t}>
          <line class="coverage-chart-grid" x1={left} x2={right} y1={y(t)} y2={y(t)} />
          <text class="coverage-chart-tick" x={left - 4} y={y(t) + 4} text-anchor="end">
            {labels[k]}
          </text>
        </g>
      ))}
      {Array.from({ length: 10 }, (_, k) => (
        <text key={k} class="coverage-chart-tick" x={frame.x(k + 1) + frame.group / 2} y={bottom + 16} text-anchor="middle">
          {k + 1}
        </text>
      ))}
      <text class="coverage-chart-label" x={left} y={bottom + 34}>
        {DECILE_END_WORDS.first}
      </text>
      <text class="coverage-chart-label" x={(left + right) / 2} y={bottom + 34} text-anchor="middle">
        Decile
      </text>
      <text class="coverage-chart-label" x={right} y={bottom + 34} text-anchor="end">
        {DECILE_END_WORDS.last}
      </text>
    </g>
  );
}

/** A "–" where a decile has nothing to draw (no one in the scope lives there). */
function NoValue({ frame, decile }: { frame: DecileFrame; decile: number }) {
  return (
    <text class="coverage-chart-tick" x={frame.x(decile) + frame.group / 2} y={frame.bottom - 4} text-anchor="middle">
      –
    </text>
  );
}

function ChartFigure(props: {
  title: string;
  caption: string;
  ids: { title: string; desc: string };
  height: number;
  keyItems?: ComponentChildren;
  svg: ComponentChildren;
  table: ComponentChildren;
}) {
  return (
    <figure class="coverage-chart">
      <figcaption>
        <strong class="coverage-chart-title">{props.title}</strong> {props.caption}
      </figcaption>
      {props.keyItems && (
        <ul class="coverage-chart-key" aria-hidden="true">
          {props.keyItems}
        </ul>
      )}
      <svg role="img" aria-labelledby={`${props.ids.title} ${props.ids.desc}`} viewBox={`0 0 ${WIDTH} ${props.height}`} width="100%">
        <title id={props.ids.title}>{props.title}</title>
        <desc id={props.ids.desc}>{props.caption} The table below the chart gives every value.</desc>
        {props.svg}
      </svg>
      <details class="coverage-chart-table">
        <summary>Show as table</summary>
        {props.table}
      </details>
    </figure>
  );
}

function DecileHeader({ decile }: { decile: number }) {
  return (
    <th scope="row">
      <span class="swatch" style={{ background: DECILE_COLOURS[decile - 1] }} aria-hidden="true" />
      {decile}
      {decile === 1 && <span class="visually-hidden"> ({DECILE_END_WORDS.first.toLowerCase()})</span>}
      {decile === 10 && <span class="visually-hidden"> ({DECILE_END_WORDS.last.toLowerCase()})</span>}
    </th>
  );
}

// ── (a) Share of people and of LSOAs covered ─────────────────────────────────────────────────

function ReachChart({ rows, place, heading }: { rows: readonly DecileRow[]; place: string; heading: string }) {
  const id = useId();
  const ids = { title: `${id}-title`, desc: `${id}-desc` };
  const hatch = `${id}-hatch`;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const labels = ticks.map((t) => formatPercent(t));
  const frame = decileFrame(labels);
  const { bottom, top } = frame;
  const height = (share: number) => share * (bottom - top);
  const pad = 3;
  const barWidth = (frame.group - 2 * pad - 1) / 2;
  const title = `Share of people and of LSOAs reached, by ${heading}, ${place}`;
  return (
    <ChartFigure
      title={title}
      caption={reachCaption(rows, place)}
      ids={ids}
      height={frame.height}
      keyItems={
        <>
          <li>
            <KeySwatch>
              <rect x={0.5} y={0.5} width={17} height={11} fill={DECILE_COLOURS[0]} stroke={INK} />
            </KeySwatch>
            People (solid, in the decile’s colour)
          </li>
          <li>
            <KeySwatch>
              <HatchPattern id={`${hatch}-key`} />
              <rect x={0.5} y={0.5} width={17} height={11} fill={`url(#${hatch}-key)`} stroke={INK} />
            </KeySwatch>
            LSOAs (hatched)
          </li>
        </>
      }
      svg={
        <>
          <defs>
            <HatchPattern id={hatch} />
          </defs>
          <DecileAxes frame={frame} ticks={ticks} labels={labels} label="Share reached by a scheme" />
          {rows.map((row) =>
            row.sharePeopleCovered === null && row.shareLsoasCovered === null ? (
              <NoValue key={row.decile} frame={frame} decile={row.decile} />
            ) : (
              // A decile whose LSOAs have no people has an LSOA bar only.
              <g key={row.decile}>
                {row.sharePeopleCovered !== null && (
                  <rect
                    class="coverage-chart-bar"
                    x={frame.x(row.decile) + pad}
                    y={bottom - height(row.sharePeopleCovered)}
                    width={barWidth}
                    height={height(row.sharePeopleCovered)}
                    fill={DECILE_COLOURS[row.decile - 1]}
                  />
                )}
                {row.shareLsoasCovered !== null && (
                  <rect
                    class="coverage-chart-bar"
                    x={frame.x(row.decile) + pad + barWidth + 1}
                    y={bottom - height(row.shareLsoasCovered)}
                    width={barWidth}
                    height={height(row.shareLsoasCovered)}
                    fill={`url(#${hatch})`}
                  />
                )}
              </g>
            ),
          )}
          <line class="coverage-chart-axis" x1={frame.left} x2={frame.right} y1={bottom} y2={bottom} />
        </>
      }
      table={
        <table class="data-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Decile</th>
              <th scope="col" class="number">People reached</th>
              <th scope="col" class="number">Share of people</th>
              <th scope="col" class="number">Share of LSOAs</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.decile}>
                <DecileHeader decile={row.decile} />
                <td class="number">
                  {row.people > 0 ? `${formatCount(row.coveredPeople)} of ${formatCount(row.people)}` : '–'}
                </td>
                <td class="number">{formatPercent(row.sharePeopleCovered)}</td>
                <td class="number">{formatPercent(row.shareLsoasCovered)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** Ink diagonal lines on white: the LSOAs series, readable in grey and in print. */
function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width={4} height={4} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width={4} height={4} fill="#ffffff" />
      <line x1={1} y1={0} x2={1} y2={4} stroke={INK} stroke-width={1.4} />
    </pattern>
  );
}

// ── (b) £ per head ────────────────────────────────────────────────────────────────────────────

function PerHeadChart({ rows, place, heading }: { rows: readonly DecileRow[]; place: string; heading: string }) {
  const id = useId();
  const ids = { title: `${id}-title`, desc: `${id}-desc` };
  const people = rows.reduce((sum, row) => sum + row.people, 0);
  const money = rows.reduce((sum, row) => sum + row.allocatedGbp, 0);
  const overall = people > 0 ? money / people : 0;
  const ticks = niceTicks(Math.max(overall, ...rows.map((row) => row.gbpPerHead ?? 0)));
  const labels = ticks.map((t) => formatGbpTick(t, ticks));
  const frame = decileFrame(labels);
  const { left, right, bottom, top } = frame;
  const max = ticks.at(-1)!;
  const y = (value: number) => bottom - (value / max) * (bottom - top);
  const barWidth = frame.group * 0.62;
  const title = `£ per head allocated, by ${heading}, ${place}`;
  return (
    <ChartFigure
      title={title}
      caption={perHeadCaption(rows, place)}
      ids={ids}
      height={frame.height}
      keyItems={
        <>
          <li>
            <KeySwatch>
              <rect x={0.5} y={0.5} width={17} height={11} fill={DECILE_COLOURS[0]} stroke={INK} />
            </KeySwatch>
            £ per head in the decile
          </li>
          <li>
            <KeySwatch>
              <line x1={0} x2={18} y1={6} y2={6} stroke={INK} stroke-width={2} stroke-dasharray="4 2" />
            </KeySwatch>
            {place} as a whole ({formatGbpPerHead(people > 0 ? overall : null)})
          </li>
        </>
      }
      svg={
        <>
          <DecileAxes frame={frame} ticks={ticks} labels={labels} label="£ per head" />
          {rows.map((row) =>
            row.gbpPerHead === null ? (
              <NoValue key={row.decile} frame={frame} decile={row.decile} />
            ) : (
              <rect
                key={row.decile}
                class="coverage-chart-bar"
                x={frame.x(row.decile) + (frame.group - barWidth) / 2}
                y={y(row.gbpPerHead)}
                width={barWidth}
                height={bottom - y(row.gbpPerHead)}
                fill={DECILE_COLOURS[row.decile - 1]}
              />
            ),
          )}
          <line class="coverage-chart-axis" x1={left} x2={right} y1={bottom} y2={bottom} />
          {people > 0 && <line class="coverage-chart-reference" x1={left} x2={right} y1={y(overall)} y2={y(overall)} />}
        </>
      }
      table={
        <table class="data-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Decile</th>
              <th scope="col" class="number">£ per head</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.decile}>
                <DecileHeader decile={row.decile} />
                <td class="number">{formatGbpPerHead(row.gbpPerHead)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All</th>
              <td class="number">{formatGbpPerHead(people > 0 ? overall : null)}</td>
            </tr>
          </tfoot>
        </table>
      }
    />
  );
}

// ── (c) Concentration curve ───────────────────────────────────────────────────────────────────

const CURVE_FRAME = { left: 50, right: 50 + 236, top: 24, bottom: 24 + 236, height: 300 } as const;

function CurveChart({ curve, index, place }: { curve: ConcentrationCurve; index: number; place: string }) {
  const id = useId();
  const ids = { title: `${id}-title`, desc: `${id}-desc` };
  const { left, right, top, bottom } = CURVE_FRAME;
  const x = (share: number) => left + share * (right - left);
  const y = (share: number) => bottom - share * (bottom - top);
  const path = curve.people.map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p).toFixed(2)} ${y(curve.gbp[k]!).toFixed(2)}`).join('');
  const title = `How the money follows deprivation: the concentration curve, ${place}`;
  // The index goes in the corner the curve leaves empty: bottom right when it bows up (C ≤ 0).
  const indexAt = index <= 0 ? { x: right - 6, y: bottom - 10, anchor: 'end' } : { x: left + 6, y: top + 14, anchor: 'start' };
  return (
    <ChartFigure
      title={title}
      caption={curveCaption(curve, index, place)}
      ids={ids}
      height={CURVE_FRAME.height}
      keyItems={
        <>
          <li>
            <KeySwatch>
              <line x1={0} x2={18} y1={6} y2={6} stroke={DECILE_COLOURS[0]} stroke-width={3} />
            </KeySwatch>
            Allocated £ (solid)
          </li>
          <li>
            <KeySwatch>
              <line x1={0} x2={18} y1={6} y2={6} stroke={INK} stroke-width={1.5} stroke-dasharray="4 3" />
            </KeySwatch>
            Line of equality: the same £ per head everywhere (dashed)
          </li>
        </>
      }
      svg={
        <>
          <text class="coverage-chart-label" x={0} y={12}>
            Share of £ allocated
          </text>
          {SHARE_TICKS.map((t) => (
            <g key={t}>
              <line class="coverage-chart-grid" x1={left} x2={right} y1={y(t)} y2={y(t)} />
              <line class="coverage-chart-grid" x1={x(t)} x2={x(t)} y1={top} y2={bottom} />
              <text class="coverage-chart-tick" x={left - 6} y={y(t) + 4} text-anchor="end">
                {formatPercent(t)}
              </text>
              <text class="coverage-chart-tick" x={x(t)} y={bottom + 17} text-anchor="middle">
                {formatPercent(t)}
              </text>
            </g>
          ))}
          <text class="coverage-chart-label" x={(left + right) / 2} y={bottom + 35} text-anchor="middle">
            Share of people, most deprived LSOAs first
          </text>
          <line class="coverage-chart-axis" x1={left} x2={right} y1={bottom} y2={bottom} />
          <line class="coverage-chart-axis" x1={left} x2={left} y1={top} y2={bottom} />
          <line class="coverage-chart-equality" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} />
          <path class="coverage-chart-curve" d={path} stroke={DECILE_COLOURS[0]} />
          <text class="coverage-chart-index" x={indexAt.x} y={indexAt.y} text-anchor={indexAt.anchor}>
            Concentration index {formatIndex(index)}
          </text>
        </>
      }
      table={
        <table class="data-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">People, most deprived first</th>
              <th scope="col" class="number">Share of £ they received</th>
            </tr>
          </thead>
          <tbody>
            {curveTenths(curve).map((point) => (
              <tr key={point.people}>
                <th scope="row">{point.people === 1 ? 'All (100%)' : `Most deprived ${formatPercent(point.people)}`}</th>
                <td class="number">{formatPercent(point.gbp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** A key entry's little picture: the mark as the chart draws it. */
function KeySwatch({ children }: { children: ComponentChildren }) {
  return (
    <svg class="coverage-chart-swatch" viewBox="0 0 18 12" width="18" height="12" aria-hidden="true">
      {children}
    </svg>
  );
}

// ── A target area's people by decile ─────────────────────────────────────────────────────────

/** People per decile as bars in the deciles' colours, each labelled, with its table. */
export function DecileMixChart({ peopleByDecile, place, heading }: { peopleByDecile: readonly number[]; place: string; heading: string }) {
  const id = useId();
  const ids = { title: `${id}-title`, desc: `${id}-desc` };
  const total = peopleByDecile.reduce((sum, people) => sum + people, 0);
  const ticks = niceTicks(Math.max(...peopleByDecile, 1));
  const labels = ticks.map((t) => formatCount(t));
  const frame = decileFrame(labels);
  const { bottom, top } = frame;
  const max = ticks.at(-1)!;
  const pad = 4;
  const title = `People by ${heading}, ${place}`;
  const largest = peopleByDecile.reduce((best, people, k) => (people > (peopleByDecile[best] ?? 0) ? k : best), 0);
  const caption =
    total === 0
      ? `Nobody lives in ${place}.`
      : `${formatCount(total)} people; most live in decile ${largest + 1} (${formatCount(peopleByDecile[largest] ?? 0)}, ${formatPercent((peopleByDecile[largest] ?? 0) / total)}).`;
  return (
    <ChartFigure
      title={title}
      caption={caption}
      ids={ids}
      height={frame.height}
      svg={
        <>
          <DecileAxes frame={frame} ticks={ticks} labels={labels} label="People" />
          {peopleByDecile.map((people, k) => {
            const h = (people / max) * (bottom - top);
            return people > 0 ? (
              <rect key={k} x={frame.x(k + 1) + pad} y={bottom - h} width={frame.group - 2 * pad} height={h} fill={DECILE_COLOURS[k]} stroke={INK} stroke-width={0.5} />
            ) : (
              <NoValue key={k} frame={frame} decile={k + 1} />
            );
          })}
        </>
      }
      table={
        <table class="decile-table">
          <thead>
            <tr>
              <th scope="col">Decile</th>
              <th scope="col">People</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {peopleByDecile.map((people, k) => (
              <tr key={k}>
                <DecileHeader decile={k + 1} />
                <td>{formatCount(people)}</td>
                <td>{total > 0 ? formatPercent(people / total) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
