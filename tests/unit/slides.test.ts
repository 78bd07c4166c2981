// Slides: a saved view with a title and speaker notes. They go with the workspace file (and a
// damaged slide refuses the file), and every change to the list is one step of the undo history.

import { describe, expect, it, vi } from 'vitest';
import type { Slide } from '../../src/core/view-snapshot';
import { readWorkspaceFile, workspaceFile } from '../../src/data/workspace-file';
import { createAppStore } from '../../src/state/store';
import { EMPTY_URL_VIEW, parseViewHash } from '../../src/state/url';
import { snapshotOf } from '../../src/state/view-snapshot';
import { NO_FILTER } from '../../src/core/scheme-filter';
import { attributes, details, manifest } from './app-fixture';

function setup() {
  return createAppStore(
    { manifest, attributes, url: EMPTY_URL_VIEW, basemapUrl: null },
    { fetchDetails: async () => ({ ok: true, value: details }), saveBasemapUrl: vi.fn() },
  );
}

const slide: Slide = {
  id: 's1',
  title: 'Income deprivation in Trafford',
  notes: 'Say where the gaps are.',
  view: {
    camera: { zoom: 10.5, lat: 53.42, lng: -2.35 },
    indicator: 'income',
    vintage: '2025',
    scope: { kind: 'lad', code: 'E08000009' },
    colourBy: 'schemes',
    rule: { kind: 'share', share: 0.25 },
    gapDecile: 3,
    gapDefinition: 'underserved',
    filter: { ...NO_FILTER, kinds: ['transport'] },
    datasets: [{ id: 'd1', name: 'routes.geojson' }],
    areas: [],
    lsoa: 'E01000004',
    area: null,
  },
};

describe('slides in the workspace file', () => {
  it('read back exactly; a file without slides has none (null)', () => {
    const file = workspaceFile([], '2026-12-08T00:00:00.000Z', [], [], [slide]);
    const read = readWorkspaceFile(JSON.stringify(file), 'talk.geojson');
    expect(read.ok && read.slides).toEqual([slide]);
    const older = workspaceFile([], '2026-12-08T00:00:00.000Z');
    const olderRead = readWorkspaceFile(JSON.stringify(older), 'old.geojson');
    expect(olderRead.ok && olderRead.slides).toBeNull();
  });

  it('refuse a file with a damaged slide, naming it and the member', () => {
    const file = workspaceFile([], '2026-12-08T00:00:00.000Z', [], [], [slide]);
    const damaged = { ...file, gapmap: { ...file.gapmap, slides: [{ ...slide, view: { ...slide.view, gapDecile: 11 } }] } };
    const read = readWorkspaceFile(JSON.stringify(damaged), 'talk.geojson');
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toMatch(/^talk\.geojson: slide 1 \("Income deprivation in Trafford"\): view\.gapDecile is 11.*nothing was opened\.$/);
  });
});

describe('the slides slice', () => {
  it('saves the view as a slide, and undo and redo take back renames, moves and deletions', () => {
    const store = setup();
    store.getState().applyUrlView(parseViewHash('#map=9/53.4/-2.3&ind=income&scope=lad:E08000009'));
    store.getState().saveViewAsSlide();
    store.getState().setIndicator('imd');
    store.getState().saveViewAsSlide();
    const [first, second] = store.getState().slides;
    expect(first?.view).toMatchObject({ indicator: 'income', scope: { kind: 'lad', code: 'E08000009' } });
    expect(second?.title).toBe('Index of Multiple Deprivation in Trafford');

    store.getState().updateSlide(first!.id, { title: 'Where income is lowest' });
    store.getState().moveSlide(second!.id, -1);
    store.getState().deleteSlide(first!.id);
    expect(store.getState().slides.map((s) => s.id)).toEqual([second!.id]);
    store.getState().undo();
    expect(store.getState().slides.map((s) => s.title)).toEqual([second!.title, 'Where income is lowest']);
    store.getState().undo();
    expect(store.getState().slides.map((s) => s.id)).toEqual([first!.id, second!.id]);
    store.getState().undo();
    expect(store.getState().slides[0]!.title).toBe(first!.title);
    store.getState().redo();
    expect(store.getState().slides[0]!.title).toBe('Where income is lowest');
  });

  it('shows a slide through the store: indicator, scope, colouring, rule and camera, and says which datasets are missing', () => {
    const store = setup();
    store.getState().applySnapshot(slide.view, true);
    const state = store.getState();
    expect(snapshotOf(state)).toMatchObject({
      indicator: 'income',
      scope: { kind: 'lad', code: 'E08000009' },
      colourBy: 'schemes',
      rule: { kind: 'share', share: 0.25 },
      gapDecile: 3,
      gapDefinition: 'underserved',
      lsoa: 'E01000004',
    });
    expect(state.cameraRequest).toMatchObject({ target: { kind: 'camera', camera: slide.view.camera }, animate: true });
    expect(state.missing?.names).toEqual(['routes.geojson']);
  });
});
