// Store-level actions of views, slides and links: the rest of a link's view applied (colouring,
// rule, gap definition, filter, datasets and areas shown, selected area), a view saved as a
// slide, a slide shown (flying there), presenting, and a published workspace opened read only.

import type { Slide, ViewSnapshot } from '../../core/view-snapshot';
import type { LinkExtras } from '../link-view';
import type { SliceCreator } from '../slices/context';
import { newSlideId } from '../slices/slides';
import { scopeName } from '../../core/scope';
import { INDICATORS } from '../../core/indicators';
import type { AppState } from '../store';
import { snapshotOf, urlViewOfSnapshot } from '../view-snapshot';

export interface SlideActions {
  /** Applies the part of a link's view beyond camera, indicator, scope and LSOA; says which datasets are missing. */
  applyViewExtras: (extras: LinkExtras) => void;
  /** Applies a whole snapshot; the camera flies there when `animate` (instant under reduced motion). */
  applySnapshot: (snapshot: ViewSnapshot, animate: boolean) => void;
  /** Saves the view now as a new slide at the end of the list. */
  saveViewAsSlide: () => void;
  showSlide: (index: number, animate: boolean) => void;
  /** Starts presenting at a slide (the first by default). */
  present: (index?: number) => void;
  /** Moves to the next (+1) or previous (-1) slide while presenting. */
  stepSlide: (by: -1 | 1) => void;
  stopPresenting: () => void;
}

/** A title from what the view shows: "Income deprivation in Manchester". */
function defaultSlideTitle(state: AppState): string {
  return `${INDICATORS[state.indicator].label} in ${scopeName(state.attributes, state.scope)}`;
}

export const slideActions: SliceCreator<SlideActions> =
  ({ record }) =>
  (_set, get) => ({
    applyViewExtras: (extras) => {
      const state = get();
      state.setColourBy(extras.colourBy);
      state.setCoverageRule(extras.rule);
      state.setGapDecile(extras.gapDecile);
      state.setGapDefinition(extras.gapDefinition);
      state.setSchemeFilter(extras.filter);
      const held = new Set(state.coverage.datasets.map((d) => d.id));
      const shown = new Set(extras.datasets.map((d) => d.id));
      for (const dataset of state.coverage.datasets) {
        if (dataset.visible !== shown.has(dataset.id)) get().setDatasetVisible(dataset.id, shown.has(dataset.id));
      }
      const names = extras.datasets.filter((d) => !held.has(d.id)).map((d) => d.name);
      get().setMissing(names.length > 0 ? { names, extras } : null);
      // Areas the link carries whole that this browser lacks are added (one moment: undo removes them).
      const before = get().areas.list;
      const ids = new Set(before.map((a) => a.id));
      const added = extras.carried.filter((a) => !ids.has(a.id)).map((a) => ({ ...a, description: '', visible: true }));
      const visible = new Set(extras.areas);
      const after = [...before, ...added].map((a) => (a.visible === visible.has(a.id) ? a : { ...a, visible: visible.has(a.id) }));
      if (added.length > 0)
        record({ label: `Added ${added.length === 1 ? 'an area' : `${added.length} areas`} from a link`, steps: [{ subject: 'areas', before, after }] });
      if (after.some((a, k) => a !== before[k]) || after.length !== before.length) get().restoreAreas(after);
      if (extras.area === null || after.some((a) => a.id === extras.area)) get().selectArea(extras.area);
    },

    applySnapshot: (snapshot, animate) => {
      const view = urlViewOfSnapshot(snapshot);
      get().applyUrlView({ ...view, camera: null });
      if (snapshot.camera) get().moveCamera({ kind: 'camera', camera: snapshot.camera }, animate);
    },

    saveViewAsSlide: () => {
      const state = get();
      const slide: Slide = { id: newSlideId(), title: defaultSlideTitle(state), notes: '', view: snapshotOf(state) };
      state.addSlide(slide);
    },

    showSlide: (index, animate) => {
      const slide = get().slides[index];
      if (slide) get().applySnapshot(slide.view, animate);
    },

    present: (index = 0) => {
      if (get().slides.length === 0) return;
      const at = Math.min(Math.max(index, 0), get().slides.length - 1);
      get().setPresenting(at);
      get().showSlide(at, false);
    },

    stepSlide: (by) => {
      const { presenting, slides } = get();
      if (presenting === null) return;
      const next = presenting + by;
      if (next < 0 || next >= slides.length) return;
      get().setPresenting(next);
      get().showSlide(next, true);
    },

    stopPresenting: () => get().setPresenting(null),
  });
