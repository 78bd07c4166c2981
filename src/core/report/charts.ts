// The pack's charts, drawn as vector: reach by decile (people solid in the decile's colour, LSOAs
// as an outlined bar beside it), £ per head by decile, and the concentration curve of the money
// against the line of equal £ per head. Each under its title, with the same caption as the app's.

import { CHART_COLOURS, DECILE_COLOURS } from '../../theme';
import { curveCaption, formatGbpTick, niceTicks, perHeadCaption, reachCaption } from '../coverage-charts-words';
import type { ConcentrationCurve, DecileRow } from '../coverage-summary-types';
import { formatPercent } from '../coverage-words';
import { colourOf, CONTENT_WIDTH, MARGIN, type PdfKit } from './pdf-kit';

const CHART_HEIGHT = 130;
const AXIS_WIDTH = 42;

interface Frame {
  left: number;
  bottom: number;
  width: number;
  height: number;
}

/** The frame's y axis with its ticks (values 0..max mapped to the height) and gridlines. */
function axes(kit: PdfKit, frame: Frame, ticks: readonly number[], label: (value: number) => string): (value: number) => number {
  const max = ticks[ticks.length - 1] ?? 1;
  const yOf = (value: number) => frame.bottom + (max > 0 ? (value / max) * frame.height : 0);
  for (const tick of ticks) {
    const y = yOf(tick);
    kit.page.drawLine({ start: { x: frame.left, y }, end: { x: frame.left + frame.width, y }, thickness: 0.4, color: colourOf(CHART_COLOURS.grid) });
    const text = label(tick);
    kit.textAt(text, frame.left - 4 - kit.width(text, { size: 7 }), y + 3.5, { size: 7 });
  }
  kit.page.drawLine({
    start: { x: frame.left, y: frame.bottom },
    end: { x: frame.left + frame.width, y: frame.bottom },
    thickness: 0.8,
    color: colourOf(CHART_COLOURS.ink),
  });
  return yOf;
}

/** A chart block: title, the drawing (given its frame), the x label and the caption. */
function chartBlock(kit: PdfKit, title: string, caption: string, xLabel: string, draw: (frame: Frame) => void): void {
  kit.ensure(CHART_HEIGHT + 90);
  kit.paragraph(title, { size: 10, bold: true }, { after: 6 });
  const frame: Frame = { left: MARGIN + AXIS_WIDTH, bottom: kit.y - CHART_HEIGHT, width: CONTENT_WIDTH - AXIS_WIDTH, height: CHART_HEIGHT };
  draw(frame);
  kit.y = frame.bottom - 4;
  kit.textAt(xLabel, frame.left, kit.y - 10, { size: 7 });
  kit.y -= 22;
  kit.paragraph(caption, { size: 8.5 }, { after: 14 });
}

/** Decile numbers under the bars' groups. */
function decileLabels(kit: PdfKit, frame: Frame, group: number): void {
  for (let d = 1; d <= 10; d++) {
    const text = String(d);
    kit.textAt(text, frame.left + (d - 0.5) * group - kit.width(text, { size: 7 }) / 2, frame.bottom - 3, { size: 7 });
  }
}

export function reachChart(kit: PdfKit, rows: readonly DecileRow[], place: string, heading: string): void {
  chartBlock(
    kit,
    `Share of people and of LSOAs reached, by ${heading}, ${place}`,
    reachCaption(rows, place),
    `${heading}: 1 = most deprived. Solid: people; outlined: LSOAs.`,
    (frame) => {
      const yOf = axes(kit, frame, [0, 0.25, 0.5, 0.75, 1], (t) => formatPercent(t));
      const group = frame.width / 10;
      const bar = (group - 8) / 2;
      for (const row of rows) {
        const x = frame.left + (row.decile - 1) * group + 3;
        const colour = colourOf(DECILE_COLOURS[row.decile - 1] ?? CHART_COLOURS.ink);
        if (row.sharePeopleCovered !== null) {
          kit.page.drawRectangle({
            x,
            y: frame.bottom,
            width: bar,
            height: yOf(row.sharePeopleCovered) - frame.bottom,
            color: colour,
            borderColor: colourOf(CHART_COLOURS.ink),
            borderWidth: 0.4,
          });
        }
        if (row.shareLsoasCovered !== null) {
          kit.page.drawRectangle({
            x: x + bar + 2,
            y: frame.bottom,
            width: bar,
            height: yOf(row.shareLsoasCovered) - frame.bottom,
            borderColor: colour,
            borderWidth: 1.2,
          });
        }
      }
      decileLabels(kit, frame, group);
    },
  );
}

export function perHeadChart(kit: PdfKit, rows: readonly DecileRow[], place: string, heading: string): void {
  const max = Math.max(0, ...rows.map((row) => row.gbpPerHead ?? 0));
  const ticks = niceTicks(max);
  chartBlock(kit, `£ per head by ${heading}, ${place}`, perHeadCaption(rows, place), `${heading}: 1 = most deprived.`, (frame) => {
    const yOf = axes(kit, frame, ticks, (t) => formatGbpTick(t, ticks));
    const group = frame.width / 10;
    for (const row of rows) {
      if (row.gbpPerHead === null) continue;
      const x = frame.left + (row.decile - 1) * group + 4;
      kit.page.drawRectangle({
        x,
        y: frame.bottom,
        width: group - 8,
        height: yOf(row.gbpPerHead) - frame.bottom,
        color: colourOf(DECILE_COLOURS[row.decile - 1] ?? CHART_COLOURS.ink),
        borderColor: colourOf(CHART_COLOURS.ink),
        borderWidth: 0.4,
      });
    }
    decileLabels(kit, frame, group);
  });
}

export function curveChart(kit: PdfKit, curve: ConcentrationCurve, index: number, place: string): void {
  chartBlock(
    kit,
    `Concentration curve of the £ allocated, ${place}`,
    curveCaption(curve, index, place),
    'Share of people, most deprived LSOAs first (dashed: the same £ per head everywhere).',
    (frame) => {
      const square = { ...frame, width: frame.height };
      const yOf = axes(kit, square, [0, 0.2, 0.4, 0.6, 0.8, 1], (t) => formatPercent(t));
      const xOf = (share: number) => square.left + share * square.width;
      const ink = colourOf(CHART_COLOURS.ink);
      kit.page.drawLine({ start: { x: xOf(0), y: yOf(0) }, end: { x: xOf(1), y: yOf(1) }, thickness: 0.6, color: ink, dashArray: [3, 2] });
      const path = curve.people
        .map((p, k) => `${k === 0 ? 'M' : 'L'}${(xOf(p) - square.left).toFixed(2)},${(-(yOf(curve.gbp[k] ?? 0) - square.bottom)).toFixed(2)}`)
        .join(' ');
      kit.page.drawSvgPath(path, { x: square.left, y: square.bottom, borderColor: ink, borderWidth: 1.4 });
      for (const t of [0, 0.5, 1]) {
        const text = formatPercent(t);
        kit.textAt(text, xOf(t) - kit.width(text, { size: 7 }) / 2, square.bottom - 3, { size: 7 });
      }
    },
  );
}
