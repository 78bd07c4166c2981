// The slides slice: the saved views of a presentation (each a snapshot, title and speaker notes),
// whether the slide list is open, which slide is being presented, a published workspace opened
// read only, and the datasets a link named that this browser does not hold. Every change to the
// list is one moment of the undo history and is saved (IndexedDB `slides`, stored-list.ts).

import type { Slide } from '../../core/view-snapshot';
import type { LinkExtras } from '../link-view';
import { errorText, type SliceCreator } from './context';

/** Saves the slides (IndexedDB in the app); without it they last for the visit. */
export interface SlideStorage {
  load(): Promise<Slide[]>;
  save(slides: readonly Slide[]): Promise<void>;
  follow?(apply: (slides: Slide[]) => void): () => void;
}

interface SlidesState {
  slides: readonly Slide[];
  slidesOpen: boolean;
  /** The slide shown full screen (its index), or null when not presenting. */
  presenting: number | null;
  /** A workspace opened from `?workspace=URL`: shown read only, nothing saved in this browser. */
  published: { name: string } | null;
  /** Datasets a link or slide shows that this browser does not hold (by name), and the view to apply again once a workspace file brings them. */
  missing: { names: readonly string[]; extras: LinkExtras } | null;
  slidesSaveError: string | null;
}

export interface SlidesSlice extends SlidesState {
  addSlide: (slide: Slide) => void;
  updateSlide: (id: string, changes: Partial<Pick<Slide, 'title' | 'notes'>>) => void;
  /** Moves a slide up (-1) or down (+1) the list. */
  moveSlide: (id: string, by: -1 | 1) => void;
  duplicateSlide: (id: string) => void;
  deleteSlide: (id: string) => void;
  /** The list as a moment had it (undo, redo) or a workspace file holds it. */
  restoreSlides: (slides: readonly Slide[]) => void;
  loadSlides: () => Promise<void>;
  setSlidesOpen: (open: boolean) => void;
  setPresenting: (index: number | null) => void;
  setPublished: (published: { name: string } | null) => void;
  setMissing: (missing: SlidesState['missing']) => void;
}

export const newSlideId = () => `s${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

export const slidesSlice: SliceCreator<SlidesSlice> =
  ({ deps, record }) =>
  (set, get) => {
    let loaded = !deps.slideStorage;
    const save = (slides: readonly Slide[]) => {
      if (!deps.slideStorage || !loaded || get().published) return;
      deps.slideStorage.save(slides).then(
        () => set({ slidesSaveError: null }),
        (error: unknown) => set({ slidesSaveError: `The slides could not be saved in this browser (${errorText(error)}). Export the workspace to keep them.` }),
      );
    };
    const commit = (slides: readonly Slide[], label: string) => {
      record({ label, steps: [{ subject: 'slides', before: get().slides, after: slides }] });
      set({ slides });
      save(slides);
    };
    const edit = (id: string, label: string, change: (slides: Slide[], at: number) => void) => {
      const at = get().slides.findIndex((slide) => slide.id === id);
      if (at < 0) return;
      const next = [...get().slides];
      change(next, at);
      commit(next, label);
    };
    return {
      slides: [],
      slidesOpen: false,
      presenting: null,
      published: null,
      missing: null,
      slidesSaveError: null,
      addSlide: (slide) => commit([...get().slides, slide], `Saved the slide ${slide.title}`),
      updateSlide: (id, changes) =>
        edit(id, 'Changed a slide', (slides, at) => {
          slides[at] = { ...slides[at]!, ...changes };
        }),
      moveSlide: (id, by) => {
        const at = get().slides.findIndex((slide) => slide.id === id);
        const to = at + by;
        if (at < 0 || to < 0 || to >= get().slides.length) return;
        edit(id, 'Moved a slide', (slides) => {
          const [moved] = slides.splice(at, 1);
          slides.splice(to, 0, moved!);
        });
      },
      duplicateSlide: (id) =>
        edit(id, 'Duplicated a slide', (slides, at) => {
          const slide = slides[at]!;
          slides.splice(at + 1, 0, { ...slide, id: newSlideId(), title: `${slide.title} (copy)` });
        }),
      deleteSlide: (id) => edit(id, 'Deleted a slide', (slides, at) => void slides.splice(at, 1)),
      restoreSlides: (slides) => {
        set({ slides });
        save(slides);
      },
      loadSlides: async () => {
        if (!deps.slideStorage) return;
        try {
          const stored = await deps.slideStorage.load();
          loaded = true;
          if (stored.length > 0 && !get().published) set({ slides: [...stored, ...get().slides] });
          deps.slideStorage.follow?.((slides) => {
            if (!get().published) set({ slides });
          });
        } catch (error) {
          loaded = true;
          set({ slidesSaveError: `The saved slides could not be read (${errorText(error)}).` });
        }
      },
      setSlidesOpen: (open) => set({ slidesOpen: open }),
      setPresenting: (index) => set({ presenting: index }),
      setPublished: (published) => set({ published }),
      setMissing: (missing) => set({ missing }),
    };
  };
