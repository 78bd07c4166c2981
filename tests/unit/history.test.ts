// One undo history for every subject: datasets, target areas and themes changed in turn are undone
// newest first and redone oldest first, by Ctrl+Z's one pair of actions; a new change leaves
// nothing to redo; the panels' "Undo" notices follow the newest change only.

import { describe, expect, it, vi } from 'vitest';
import { schemeStats } from '../../src/data/dataset';
import type { Dataset } from '../../src/data/dataset';
import { canRedo, canUndo, HISTORY_LIMIT, pushMoment, EMPTY_HISTORY, undoableDeletion, undoTouches } from '../../src/state/history';
import { createAppStore } from '../../src/state/store';
import { EMPTY_URL_VIEW } from '../../src/state/url';
import { attributes, details, manifest } from './app-fixture';

const dataset = (id: string, name: string): Dataset => ({
  id,
  name,
  format: 'GeoJSON',
  colour: '#1d70b8',
  visible: true,
  problems: [],
  hash: `hash-${id}`,
  importedAt: '2026-11-26T00:00:00.000Z',
  locatedBy: [],
  stats: schemeStats([]),
});

async function setup() {
  const savedDatasets: Dataset[][] = [];
  const savedThemes: string[][] = [];
  const store = createAppStore(
    { manifest, attributes, url: EMPTY_URL_VIEW, basemapUrl: null },
    {
      fetchDetails: async () => ({ ok: true, value: details }),
      saveBasemapUrl: vi.fn(),
      workspace: { load: async () => [dataset('d1', 'routes.geojson'), dataset('d2', 'grants.csv')], save: async (list) => void savedDatasets.push([...list]) },
      themes: { load: () => ['Parks'], save: (list) => void savedThemes.push([...list]) },
    },
  );
  await store.getState().loadWorkspace();
  return { store, savedDatasets, savedThemes };
}

describe('one undo history', () => {
  it('undoes changes of several subjects newest first, and redoes them oldest first', async () => {
    const { store, savedThemes } = await setup();
    const state = () => store.getState();
    const names = () => state().coverage.datasets.map((d) => d.name);
    expect(canUndo(state())).toBe(false);

    state().deleteDataset('d1');
    state().toggleAreaLsoa(0);
    state().setThemes(['Parks', 'Libraries']);
    expect(names()).toEqual(['grants.csv']);
    expect(state().areas.list).toHaveLength(1);
    expect(state().history.past.map((moment) => moment.steps.map((step) => step.subject))).toEqual([['datasets'], ['areas'], ['themes']]);

    state().undo();
    expect(state().coverage.themes).toEqual(['Parks']);
    expect(savedThemes.at(-1)).toEqual(['Parks']);
    expect(state().areas.list).toHaveLength(1);
    state().undo();
    expect(state().areas.list).toEqual([]);
    expect(names()).toEqual(['grants.csv']);
    state().undo();
    // The dataset comes back where it was.
    expect(names()).toEqual(['routes.geojson', 'grants.csv']);
    expect(canUndo(state())).toBe(false);
    state().undo();
    expect(names()).toEqual(['routes.geojson', 'grants.csv']);

    state().redo();
    expect(names()).toEqual(['grants.csv']);
    expect(state().areas.list).toEqual([]);
    state().redo();
    expect(state().areas.list).toHaveLength(1);
    expect(state().coverage.themes).toEqual(['Parks']);
    state().redo();
    expect(state().coverage.themes).toEqual(['Parks', 'Libraries']);
    expect(canRedo(state())).toBe(false);
  });

  it('a new change after an undo leaves nothing to redo', async () => {
    const { store } = await setup();
    store.getState().deleteDataset('d1');
    store.getState().undo();
    expect(canRedo(store.getState())).toBe(true);
    store.getState().setThemes(['Libraries']);
    expect(canRedo(store.getState())).toBe(false);
    store.getState().redo();
    expect(store.getState().coverage.datasets).toHaveLength(2);
  });

  it('undo of a deletion leaves changes made since that are not undoable (hiding another dataset)', async () => {
    const { store, savedDatasets } = await setup();
    store.getState().deleteDataset('d1');
    store.getState().setDatasetVisible('d2', false);
    store.getState().undo();
    expect(store.getState().coverage.datasets.map((d) => [d.id, d.visible])).toEqual([
      ['d1', true],
      ['d2', false],
    ]);
    expect(savedDatasets.at(-1)?.map((d) => d.id)).toEqual(['d1', 'd2']);
  });

  it('offers "Undo" beside a change only while it is the newest', async () => {
    const { store } = await setup();
    store.getState().deleteDataset('d1');
    expect(undoableDeletion(store.getState())?.dataset.name).toBe('routes.geojson');
    expect(undoTouches(store.getState(), 'datasets')).toBe(true);
    store.getState().toggleAreaLsoa(0);
    expect(undoableDeletion(store.getState())).toBeNull();
    expect(undoTouches(store.getState(), 'areas')).toBe(true);
    store.getState().undo();
    expect(undoableDeletion(store.getState())?.dataset.name).toBe('routes.geojson');
  });

  it('keeps the newest moments only', () => {
    let history = EMPTY_HISTORY;
    for (let k = 0; k < HISTORY_LIMIT + 5; k++) history = pushMoment(history, { label: `Change ${k}`, steps: [] });
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]!.label).toBe('Change 5');
  });
});
