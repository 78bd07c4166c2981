// The map's layer groups (src/map/layers/) without a browser: the style they build, the casing
// helper, and the loop that applies a group only when the state it reads changed (on a fake map).

import type maplibregl from 'maplibre-gl';
import { describe, expect, it, vi } from 'vitest';
import { casedLine } from '../../src/map/cased-line';
import { derived, GroupLoop, sameSlice, type LayerGroup, type MapContext, type MapFacts } from '../../src/map/layers/group';
import { gaps } from '../../src/map/layers/gaps';
import { hover } from '../../src/map/layers/hover';
import { createLayerGroups } from '../../src/map/layers/index';
import { buildStyle, LAYER, type StyleInput } from '../../src/map/style';
import type { AppState } from '../../src/state/store';

const INPUT: StyleInput = { tilesUrl: 'pmtiles://lsoa.pmtiles', indicator: 'imd' as StyleInput['indicator'], lads: null, minzoom: 4 };

/** A map that records what was asked of it. */
function fakeMap() {
  return {
    setFilter: vi.fn(),
    setPaintProperty: vi.fn(),
    setFeatureState: vi.fn(),
  };
}

function contextWith(map: ReturnType<typeof fakeMap>): MapContext {
  return { map: map as unknown as maplibregl.Map, store: null as never, schemeDrawing: null as never, areaDrawing: null as never, setFacts: () => {} };
}

/** Runs `groups` over states handed in one at a time. */
function loopOver(groups: LayerGroup[], map = fakeMap()) {
  let current = {} as AppState;
  const facts: MapFacts = { overBasemap: false };
  const loop = new GroupLoop(groups, contextWith(map), () => ({ state: current, facts }));
  return {
    map,
    loop,
    show(state: unknown) {
      current = state as AppState;
      loop.run();
    },
  };
}

describe('casedLine', () => {
  const [casing, line] = casedLine({
    id: 'road-line',
    casingId: 'road-casing',
    source: 'roads',
    sourceLayer: 'road',
    filter: ['boolean', false],
    line: { colour: '#d4351c', width: 2, dash: [2, 1] },
    casing: { colour: '#ffffff', width: 5 },
  });

  it('gives the casing first (drawn under the line), wider, on the same features', () => {
    expect(casing.id).toBe('road-casing');
    expect(line.id).toBe('road-line');
    expect(casing.paint).toEqual({ 'line-color': '#ffffff', 'line-width': 5 });
    expect(line.paint).toEqual({ 'line-color': '#d4351c', 'line-width': 2, 'line-dasharray': [2, 1] });
    for (const layer of [casing, line]) {
      expect(layer).toMatchObject({ type: 'line', source: 'roads', 'source-layer': 'road', filter: ['boolean', false], layout: { 'line-join': 'round' } });
    }
    expect(casing.layout).not.toBe(line.layout);
  });

  it('leaves out what is not given (a GeoJSON source has no source layer)', () => {
    const [plain] = casedLine({ id: 'a', casingId: 'b', source: 's', line: { colour: '#000000', width: 1 }, casing: { colour: '#ffffff', width: 3 } });
    expect(plain).not.toHaveProperty('source-layer');
    expect(plain).not.toHaveProperty('filter');
  });
});

describe('buildStyle from the groups', () => {
  const style = buildStyle(INPUT, createLayerGroups({ cameraSeq: 0 }));
  const ids = style.layers.map((layer) => layer.id);

  it('draws every layer of LAYER once, in its order, each casing just under its line', () => {
    expect(ids).toEqual(Object.values(LAYER));
    for (const [casing, line] of [
      [LAYER.schemeAreaCasing, LAYER.schemeAreaLine],
      [LAYER.schemeLineCasing, LAYER.schemeLine],
      [LAYER.gapCasing, LAYER.gapLine],
      [LAYER.areaShapeCasing, LAYER.areaShapeLine],
      [LAYER.highlightCasing, LAYER.highlightLine],
      [LAYER.selectedCasing, LAYER.selectedLine],
    ] as const) {
      expect(ids.indexOf(line) - ids.indexOf(casing)).toBe(1);
    }
  });

  it('gathers every source the layers use', () => {
    for (const layer of style.layers) if ('source' in layer) expect(Object.keys(style.sources)).toContain(layer.source);
  });

  it('refuses a layer with no place in the drawing order, and a layer defined twice', () => {
    const stray: LayerGroup = { name: 'stray', layers: () => [{ id: 'stray', type: 'background' }] };
    expect(() => buildStyle(INPUT, [...createLayerGroups({ cameraSeq: 0 }), stray])).toThrow(/stray/);
    expect(() => buildStyle(INPUT, [...createLayerGroups({ cameraSeq: 0 }), hover()])).toThrow(/twice/);
  });
});

describe('GroupLoop', () => {
  it('applies a group the first time, then only when its slice changes (compared shallowly)', () => {
    const apply = vi.fn();
    const group: LayerGroup<{ a: number; b: string }> = { name: 'test', select: (state) => ({ a: (state as never as { a: number }).a, b: 'same' }), apply };
    const { show } = loopOver([group]);
    show({ a: 1, other: 1 });
    show({ a: 1, other: 2 });
    expect(apply).toHaveBeenCalledTimes(1);
    expect(apply.mock.calls[0]?.slice(0, 2)).toEqual([{ a: 1, b: 'same' }, undefined]);
    show({ a: 2, other: 2 });
    expect(apply).toHaveBeenCalledTimes(2);
    expect(apply.mock.calls[1]?.slice(0, 2)).toEqual([
      { a: 2, b: 'same' },
      { a: 1, b: 'same' },
    ]);
  });

  it('runs again after, not inside, an apply that changes what the groups read', () => {
    const order: string[] = [];
    let facts: MapFacts = { overBasemap: false };
    const groups: LayerGroup[] = [
      {
        name: 'first',
        select: (_state, f) => f.overBasemap,
        apply: (over, _previous, context) => {
          order.push(`first ${String(over)}`);
          if (!over) context.setFacts({ overBasemap: true });
        },
      },
      { name: 'second', select: (_state, f) => f.overBasemap, apply: (over) => order.push(`second ${String(over)}`) },
    ];
    const context = {
      ...contextWith(fakeMap()),
      setFacts: (next: MapFacts) => {
        facts = next;
        loop.run();
      },
    };
    const loop: GroupLoop = new GroupLoop(groups, context, () => ({ state: {} as AppState, facts }));
    loop.run();
    expect(order).toEqual(['first false', 'second true', 'first true']);
  });

  it('moves the hover outline from the last LSOA to the new one', () => {
    const { show, map } = loopOver([hover()]);
    show({ hover: 4 });
    show({ hover: 7 });
    show({ hover: null });
    expect(map.setFeatureState.mock.calls).toEqual([
      [{ source: 'gapmap', sourceLayer: 'lsoa', id: 5 }, { hover: true }],
      [{ source: 'gapmap', sourceLayer: 'lsoa', id: 5 }, { hover: false }],
      [{ source: 'gapmap', sourceLayer: 'lsoa', id: 8 }, { hover: true }],
      [{ source: 'gapmap', sourceLayer: 'lsoa', id: 8 }, { hover: false }],
    ]);
  });

  it('outlines gaps only when shown, and leaves the filters alone when something else changes', () => {
    const summary = { summary: { gaps: [{ index: 9 }, { index: 2 }] } };
    const { show, map } = loopOver([gaps()]);
    show({ coverage: { summary, showGaps: false }, hover: 1 });
    show({ coverage: { summary, showGaps: true }, hover: 1 });
    show({ coverage: { summary, showGaps: true }, hover: 2 });
    expect(map.setFilter.mock.calls).toEqual([
      [LAYER.gapCasing, ['boolean', false], { validate: false }],
      [LAYER.gapLine, ['boolean', false], { validate: false }],
      [LAYER.gapCasing, ['match', ['id'], [3, 10], true, false], { validate: false }],
      [LAYER.gapLine, ['match', ['id'], [3, 10], true, false], { validate: false }],
    ]);
  });
});

describe('sameSlice and derived', () => {
  it('compares values, and objects or arrays key by key', () => {
    const list = [1];
    expect(sameSlice(null, null)).toBe(true);
    expect(sameSlice(3, 3)).toBe(true);
    expect(sameSlice({ list, n: 1 }, { list, n: 1 })).toBe(true);
    expect(sameSlice({ list, n: 1 }, { list: [1], n: 1 })).toBe(false);
    expect(sameSlice({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameSlice([list], [list])).toBe(true);
    expect(sameSlice(null, {})).toBe(false);
    expect(sameSlice([], {})).toBe(false);
    // Other objects have no keys to compare: only the very same one is the same.
    expect(sameSlice(new Map([[1, 'a']]), new Map())).toBe(false);
    const set = new Set([1]);
    expect(sameSlice(set, set)).toBe(true);
  });

  it('computes again only when its inputs change', () => {
    const compute = vi.fn((state: AppState) => ({ doubled: (state as never as { n: number }).n * 2 }));
    const select = derived((state) => [(state as never as { n: number }).n], compute);
    const first = select({ n: 2, x: 1 } as never);
    expect(select({ n: 2, x: 2 } as never)).toBe(first);
    expect(select({ n: 3, x: 2 } as never)).toEqual({ doubled: 6 });
    expect(compute).toHaveBeenCalledTimes(2);
  });
});
