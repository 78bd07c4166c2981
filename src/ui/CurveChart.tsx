// The concentration curve of a coverage summary's money: the share of £ against the share of
// people, most deprived LSOAs first, beside the line of equality, with the concentration index.

import { useId } from 'preact/hooks';
import type { ConcentrationCurve } from '../core/coverage-summary-types';
import { DECILE_COLOURS } from '../theme';
import { ChartFigure, INK, KeySwatch } from './chart-parts';
import { curveCaption, curveTenths, formatIndex, SHARE_TICKS } from './coverage-charts-model';
import { formatPercent } from './coverage-format';

const CURVE_FRAME = { left: 50, right: 50 + 236, top: 24, bottom: 24 + 236, height: 300 } as const;

export function CurveChart({ curve, index, place }: { curve: ConcentrationCurve; index: number; place: string }) {
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
              <th scope="col" class="number">
                Share of £ they received
              </th>
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
