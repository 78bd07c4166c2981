// The coverage charts: their scales and words (coverage-charts-model.ts), and the component's
// markup, serialised by a small renderer below (function components called in turn, useId, useRef and useState stubbed),
// so the test needs no DOM: every chart is a figure with a caption, an SVG labelled by its own
// title and description, a key that does not rely on colour, and a table behind it.

import type { VNode } from 'preact';
import { Fragment } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { concentrationCurve } from '../../src/core/concentration-curve';
import type { CoverageSummary, DecileRow } from '../../src/core/coverage-summary-types';
import {
  curveCaption,
  curveTenths,
  formatGbpTick,
  formatIndex,
  indexMeaning,
  niceTicks,
  perHeadCaption,
  reachCaption,
} from '../../src/ui/coverage-charts-model';
import { CoverageCharts } from '../../src/ui/CoverageCharts';

let nextId = 0;
vi.mock('preact/hooks', async (original) => ({
  ...(await original<typeof import('preact/hooks')>()),
  useId: () => `P${++nextId}`,
  // The figure's export buttons keep a ref and a message; outside a real render, a plain box and a value.
  useRef: <T,>(initial: T) => ({ current: initial }),
  useState: <T,>(initial: T) => [initial, () => undefined],
}));

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Markup of a Preact tree whose components use no hooks but useId, useRef and useState (stubbed above). */
function renderToHtml(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return escapeXml(String(node));
  if (Array.isArray(node)) return node.map(renderToHtml).join('');
  const vnode = node as VNode<Record<string, unknown>>;
  const { children, ...props } = vnode.props as Record<string, unknown> & { children?: unknown };
  if (vnode.type === Fragment) return renderToHtml(children);
  if (typeof vnode.type === 'function') return renderToHtml((vnode.type as (p: unknown) => unknown)(vnode.props));
  const attributes = Object.entries(props)
    .filter(([, value]) => value !== undefined && value !== null && value !== false)
    .map(([name, value]) => {
      const text =
        typeof value === 'object'
          ? Object.entries(value as Record<string, unknown>)
              .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${String(v)}`)
              .join(';')
          : String(value);
      return value === true ? ` ${name}` : ` ${name === 'className' ? 'class' : name}="${escapeXml(text)}"`;
    })
    .join('');
  return `<${vnode.type}${attributes}>${renderToHtml(children)}</${vnode.type}>`;
}

function row(decile: number, people: number, coveredPeople: number, lsoas: number, coveredLsoas: number, allocatedGbp: number): DecileRow {
  return {
    decile,
    lsoas,
    people,
    coveredLsoas,
    coveredPeople,
    shareLsoasCovered: lsoas > 0 ? coveredLsoas / lsoas : null,
    sharePeopleCovered: people > 0 ? coveredPeople / people : null,
    allocatedGbp,
    gbpPerHead: people > 0 ? allocatedGbp / people : null,
  };
}

// Ten deciles, none in decile 4; money falling with the decile.
const deciles: DecileRow[] = [
  row(1, 65000, 41000, 40, 23, 260000),
  row(2, 50000, 25000, 30, 14, 150000),
  row(3, 40000, 12000, 25, 7, 60000),
  row(4, 0, 0, 0, 0, 0),
  ...[5, 6, 7, 8, 9].map((d) => row(d, 30000, 6000, 18, 4, 30000)),
  row(10, 25000, 3000, 15, 2, 10000),
];
// The curve of a made-up set of LSOAs with the same leaning (not these deciles' own).
const curve = concentrationCurve(Array.from({ length: 300 }, (_, k) => ({ rank: k + 1, people: 1500, gbp: k < 60 ? 9000 : k < 150 ? 3000 : 1800 })))!;
const summary: CoverageSummary = {
  deciles,
  headline: {
    definition: 'unreached',
    gapDecile: 2,
    lsoas: 70,
    people: 115000,
    peopleUncovered: 49000,
    shareUncovered: 49000 / 115000,
    gapLsoas: 30,
    gapPeople: 49000,
    shareInGaps: 49000 / 115000,
    reachCut: null,
    allEqual: false,
  },
  gaps: [],
  fairness: {
    allocatedGbp: 630000,
    mostDeprivedDeciles: 2,
    shareOfGbp: 410000 / 630000,
    shareOfPeople: 115000 / 330000,
    concentrationIndex: -0.3125,
    concentrationCurve: curve,
  },
  areaWide: null,
};

describe('chart scales and words', () => {
  it('picks 3–5 round ticks from 0 up to at least the largest value', () => {
    expect(niceTicks(3.7)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(4.2)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(12500)).toEqual([0, 5000, 10000, 15000]);
    expect(niceTicks(0)).toEqual([0, 1]);
    for (let max = 0.003; max < 1e6; max *= 1.37) {
      const ticks = niceTicks(max);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
    }
  });

  it('writes £ ticks in whole pounds, or in pence when a tick needs them', () => {
    const whole = niceTicks(12500);
    expect(whole.map((t) => formatGbpTick(t, whole))).toEqual(['£0', '£5,000', '£10,000', '£15,000']);
    const pence = niceTicks(1);
    expect(pence.map((t) => formatGbpTick(t, pence))).toEqual(['£0.00', '£0.25', '£0.50', '£0.75', '£1.00']);
    const tiny = niceTicks(0.003);
    expect(formatGbpTick(tiny[1]!, tiny)).toBe('£0.001');
  });

  it('states the concentration index with a true minus sign and says what its sign means', () => {
    expect(formatIndex(-0.3125)).toBe('−0.31');
    expect(formatIndex(0.2)).toBe('0.20');
    expect(formatIndex(-0.001)).toBe('0.00');
    expect(indexMeaning(-0.3)).toBe('negative, so the money leans towards the more deprived LSOAs');
    expect(indexMeaning(0.3)).toBe('positive, so the money leans towards the less deprived LSOAs');
    expect(indexMeaning(0.001)).toMatch(/^about 0/);
  });

  it('captions each chart with its key numbers, people before percentages', () => {
    expect(reachCaption(deciles, 'Trafford')).toBe(
      'In decile 1 (most deprived), 41,000 of 65,000 people (63%) live in LSOAs a scheme reaches; in decile 10 (least deprived), 3,000 of 25,000 (12%).',
    );
    expect(perHeadCaption(deciles, 'Trafford')).toBe(
      '£4.00 per head in decile 1 (most deprived) and £0.40 in decile 10 (least deprived); £1.91 across Trafford.',
    );
    // The first 20% of people are the 60 LSOAs given £9,000 each: 540,000 of 1,080,000.
    expect(curveCaption(curve, -0.3125, 'Trafford')).toBe(
      'The most deprived 20% of people in Trafford (by their LSOA’s rank) received 50% of the £ allocated there (20% with the same £ per head everywhere). ' +
        'Concentration index −0.31: negative, so the money leans towards the more deprived LSOAs.',
    );
    expect(curveTenths(curve).map((p) => p.people)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(curveTenths(curve).at(-1)!.gbp).toBe(1);
  });

  it('captions a scope with one decile, or nobody in it', () => {
    const one = [row(3, 1200, 600, 1, 1, 600)];
    expect(reachCaption(one, 'Here')).toBe('In decile 3, 600 of 1,200 people (50%) live in LSOAs a scheme reaches. Here has no people in other deciles.');
    expect(perHeadCaption(one, 'Here')).toBe('£0.50 per head in decile 3, the only decile in Here.');
    expect(reachCaption([row(1, 0, 0, 0, 0, 0)], 'Here')).toMatch(/^No one lives/);
  });
});

describe('CoverageCharts', () => {
  const html = renderToHtml(<CoverageCharts summary={summary} place="Trafford" heading="IMD 2025 decile" />);
  const figures = html.split('<figure').slice(1);

  it('draws three figures, each captioned, labelled and with a table behind it', () => {
    expect(figures).toHaveLength(3);
    for (const figure of figures) {
      expect(figure).toMatch(/<figcaption><strong class="coverage-chart-title">[^<]+<\/strong> [^<]+<\/figcaption>/);
      const labelledBy = /<svg role="img" aria-labelledby="([^"]+) ([^"]+)"/.exec(figure);
      expect(labelledBy).not.toBeNull();
      expect(figure).toContain(`<title id="${labelledBy![1]}">`);
      expect(figure).toContain(`<desc id="${labelledBy![2]}">`);
      expect(figure).toContain('viewBox="0 0 320 ');
      expect(figure).toContain('<details class="coverage-chart-table"><summary>Show as table</summary><table class="data-table">');
    }
    // Ids are not shared between the charts.
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('pairs solid people bars in the decile colours with hatched LSOA bars, and keys both in words', () => {
    const reach = figures[0]!;
    expect(reach).toContain('Share of people and of LSOAs reached, by IMD 2025 decile, Trafford');
    expect(reach).toContain('People (solid, in the decile’s colour)');
    expect(reach).toContain('LSOAs (hatched)');
    // 9 deciles with people, two bars each; decile 4 is a dash.
    expect(reach.match(/class="coverage-chart-bar"/g)).toHaveLength(18);
    expect(reach).toContain('fill="#440154"');
    expect(reach.match(/fill="url\(#P\d+-hatch\)"/g)).toHaveLength(9);
    expect(reach).toMatch(/>–<\/text>/);
    for (const tick of ['0%', '25%', '50%', '75%', '100%', 'Most deprived', 'Least deprived', 'Decile']) expect(reach).toContain(`>${tick}</text>`);
    expect(reach).toContain('<td class="number">41,000 of 65,000</td><td class="number">63%</td><td class="number">57%</td>');
  });

  it('gives £ per head a round £ axis and a dashed line for the whole scope', () => {
    const perHead = figures[1]!;
    for (const tick of ['£0', '£1', '£2', '£3', '£4']) expect(perHead).toContain(`>${tick}</text>`);
    expect(perHead).toContain('class="coverage-chart-reference"');
    expect(perHead).toContain('Trafford as a whole (£1.91)');
    expect(perHead).toContain('<td class="number">£4.00</td>');
  });

  it('draws the concentration curve against the line of equality and states the index', () => {
    const curveFigure = figures[2]!;
    expect(curveFigure).toContain('class="coverage-chart-equality"');
    expect(curveFigure).toMatch(/<path class="coverage-chart-curve" d="M50\.00 260\.00L/);
    expect(curveFigure).toContain('Concentration index −0.31</text>');
    expect(curveFigure).toContain('Line of equality: the same £ per head everywhere (dashed)');
    const rows = [...curveFigure.matchAll(/<tr><th scope="row">([^<]+)<\/th><td class="number">([^<]+)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual(['Most deprived 10%', '25%']);
    expect(rows[1]).toEqual(['Most deprived 20%', '50%']);
    expect(rows[9]).toEqual(['All (100%)', '100%']);
  });

  it('draws only the LSOA bar for a decile whose LSOAs have no people', () => {
    const empty = row(4, 0, 0, 2, 1, 0);
    const reach = renderToHtml(
      <CoverageCharts summary={{ ...summary, deciles: deciles.map((r) => (r.decile === 4 ? empty : r)) }} place="Trafford" heading="IMD 2025 decile" />,
    ).split('<figure')[1]!;
    expect(reach.match(/class="coverage-chart-bar"/g)).toHaveLength(19);
    expect(reach).not.toMatch(/>–<\/text>/);
  });

  it('says so instead of drawing money charts when nothing is allocated', () => {
    const none = renderToHtml(
      <CoverageCharts
        summary={{ ...summary, fairness: { ...summary.fairness, allocatedGbp: 0, concentrationIndex: null, concentrationCurve: null } }}
        place="Trafford"
        heading="IMD 2025 decile"
      />,
    );
    expect(none.split('<figure')).toHaveLength(2);
    expect(none).toContain('No money is allocated in Trafford, so there is no chart of £ per head or of how the money follows deprivation.');
  });
});
