// Three small charts of a coverage summary, each with its words and numbers: who the schemes reach
// by decile (people and LSOAs), £ per head by decile, and the concentration curve of the money.
// Hand-written SVG: a viewBox scaled to the panel's width, text in the page's font, no colour-only
// encoding (hatching, dashes and words), and a table behind every chart.
// The shared parts are in chart-parts.tsx; the concentration curve in CurveChart.tsx; a target
// area's decile mix in DecileMixChart.tsx.

import { useId } from 'preact/hooks';
import type { CoverageSummary, DecileRow } from '../core/coverage-summary-types';
import { DECILE_COLOURS } from '../theme';
import { formatCount } from '../core/legend';
import { CHART_COLOURS } from '../theme';
import { ChartFigure, decileFrame, DecileAxes, DecileHeader, INK, KeySwatch, NoValue } from './chart-parts';
import { formatGbpTick, niceTicks, perHeadCaption, reachCaption } from './coverage-charts-model';
import { formatGbpPerHead, formatPercent } from './coverage-format';
import { CurveChart } from './CurveChart';

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
        <p class="hint coverage-chart-none">No money is allocated in {place}, so there is no chart of £ per head or of how the money follows deprivation.</p>
      )}
    </div>
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
              <th scope="col" class="number">
                People reached
              </th>
              <th scope="col" class="number">
                Share of people
              </th>
              <th scope="col" class="number">
                Share of LSOAs
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.decile}>
                <DecileHeader decile={row.decile} />
                <td class="number">{row.people > 0 ? `${formatCount(row.coveredPeople)} of ${formatCount(row.people)}` : '–'}</td>
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
      <rect width={4} height={4} fill={CHART_COLOURS.paper} />
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
              <th scope="col" class="number">
                £ per head
              </th>
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
