// The parts the coverage charts share: the decile charts' frame and axes, the figure around each
// chart (title, caption, key, SVG, table), a decile's row header, a key entry's swatch.

import './charts.css';
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { DECILE_COLOURS } from '../theme';
import { DECILE_END_WORDS } from '../core/legend';
import { CHART_COLOURS } from '../theme';
import { chartPng, chartSvg } from './chart-export';
import { downloadText } from './download';
import { fileSlug } from './map-pictures';

// ── Frame shared by the decile charts ─────────────────────────────────────────────────────────

const WIDTH = 320;
/** The charts' ink: bar edges, axes, hatching, key lines. */
export const INK = CHART_COLOURS.ink;
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
export function decileFrame(tickLabels: readonly string[]): DecileFrame {
  const left = Math.max(36, Math.ceil(6 + TICK_CHAR * Math.max(...tickLabels.map((t) => t.length))));
  const right = WIDTH - 6;
  const group = (right - left) / 10;
  return { left, right, top: 24, bottom: 164, height: 210, group, x: (decile) => left + (decile - 1) * group };
}

/** Value axis (gridlines and labels), the decile axis with its end words, and the y label. */
export function DecileAxes({ frame, ticks, labels, label }: { frame: DecileFrame; ticks: readonly number[]; labels: readonly string[]; label: string }) {
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
export function NoValue({ frame, decile }: { frame: DecileFrame; decile: number }) {
  return (
    <text class="coverage-chart-tick" x={frame.x(decile) + frame.group / 2} y={frame.bottom - 4} text-anchor="middle">
      –
    </text>
  );
}

export function ChartFigure(props: {
  title: string;
  caption: string;
  ids: { title: string; desc: string };
  height: number;
  keyItems?: ComponentChildren;
  svg: ComponentChildren;
  table: ComponentChildren;
}) {
  const figure = useRef<HTMLElement>(null);
  return (
    <figure class="coverage-chart" ref={figure}>
      <figcaption>
        <strong class="coverage-chart-title">{props.title}</strong> {props.caption}
      </figcaption>
      <ChartExport figure={figure} title={props.title} caption={props.caption} />
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

export function DecileHeader({ decile }: { decile: number }) {
  return (
    <th scope="row">
      <span class="swatch" style={{ background: DECILE_COLOURS[decile - 1] }} aria-hidden="true" />
      {decile}
      {decile === 1 && <span class="visually-hidden"> ({DECILE_END_WORDS.first.toLowerCase()})</span>}
      {decile === 10 && <span class="visually-hidden"> ({DECILE_END_WORDS.last.toLowerCase()})</span>}
    </th>
  );
}

/** A key entry's little picture: the mark as the chart draws it. */
export function KeySwatch({ children }: { children: ComponentChildren }) {
  return (
    <svg class="coverage-chart-swatch" viewBox="0 0 18 12" width="18" height="12" aria-hidden="true">
      {children}
    </svg>
  );
}

/** "SVG" and "PNG" downloads of a chart, with its title and caption written in. */
function ChartExport({ figure, title, caption }: { figure: { current: HTMLElement | null }; title: string; caption: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (kind: 'svg' | 'png') => {
    const element = figure.current;
    if (!element) return;
    try {
      setProblem(null);
      const parts = { figure: element, title, caption };
      if (kind === 'svg') downloadText(`${fileSlug(title)}.svg`, chartSvg(parts).text, 'image/svg+xml');
      else downloadText(`${fileSlug(title)}.png`, await chartPng(parts), 'image/png');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div class="chart-export">
      <button type="button" class="link-button" aria-label={`Download as SVG: ${title}`} onClick={() => void save('svg')}>
        SVG
      </button>
      <button type="button" class="link-button" aria-label={`Download as PNG: ${title}`} onClick={() => void save('png')}>
        PNG
      </button>
      {problem && <span class="error-text">{problem}</span>}
    </div>
  );
}
