import './slides.css';
import { undoTouches } from '../state/history';
import type { Slide } from '../core/view-snapshot';
import { useAppState, useAppStore } from './use-store';

/** Opens the slide list. */
export function SlidesButton() {
  const store = useAppStore();
  const open = useAppState((state) => state.slidesOpen);
  return (
    <button type="button" class="button-header" aria-pressed={open} onClick={() => store.getState().setSlidesOpen(!open)}>
      Slides
    </button>
  );
}

function SlideItem({ slide, index, count }: { slide: Slide; index: number; count: number }) {
  const store = useAppStore();
  const actions = store.getState();
  const titleId = `slide-title-${slide.id}`;
  return (
    <li
      class="slide-item"
      onKeyDown={(event) => {
        // Alt+↑/↓ moves the slide (its buttons do the same for the mouse).
        if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
        event.preventDefault();
        actions.moveSlide(slide.id, event.key === 'ArrowUp' ? -1 : 1);
      }}
    >
      <label class="label" for={titleId}>
        Slide {index + 1} title
      </label>
      <input
        id={titleId}
        class="input slide-title-input"
        value={slide.title}
        onChange={(event) => {
          const title = event.currentTarget.value.trim();
          if (title !== '' && title !== slide.title) actions.updateSlide(slide.id, { title });
        }}
      />
      <label class="label" for={`slide-notes-${slide.id}`}>
        Speaker notes (not shown when presenting)
      </label>
      <textarea
        id={`slide-notes-${slide.id}`}
        class="input slide-notes"
        rows={2}
        value={slide.notes}
        onChange={(event) => {
          if (event.currentTarget.value !== slide.notes) actions.updateSlide(slide.id, { notes: event.currentTarget.value });
        }}
      />
      <div class="button-row slide-buttons">
        <button type="button" class="button-secondary button-small" onClick={() => actions.showSlide(index, true)}>
          Show
        </button>
        <button type="button" class="button-secondary button-small" onClick={() => actions.present(index)}>
          Present from here
        </button>
        <button
          type="button"
          class="button-secondary button-small"
          disabled={index === 0}
          onClick={() => actions.moveSlide(slide.id, -1)}
          aria-label={`Move ${slide.title} up`}
        >
          Up
        </button>
        <button
          type="button"
          class="button-secondary button-small"
          disabled={index === count - 1}
          onClick={() => actions.moveSlide(slide.id, 1)}
          aria-label={`Move ${slide.title} down`}
        >
          Down
        </button>
        <button type="button" class="button-secondary button-small" onClick={() => actions.duplicateSlide(slide.id)}>
          Duplicate
        </button>
        <button type="button" class="button-secondary button-small" onClick={() => actions.deleteSlide(slide.id)} aria-label={`Delete ${slide.title}`}>
          Delete
        </button>
      </div>
    </li>
  );
}

/** The slide list: save the view, rename, add notes, reorder, duplicate, delete (with undo), present. */
export function SlidesPanel() {
  const store = useAppStore();
  const open = useAppState((state) => state.slidesOpen);
  const slides = useAppState((state) => state.slides);
  const canUndo = useAppState((state) => undoTouches(state, 'slides'));
  const saveError = useAppState((state) => state.slidesSaveError);
  if (!open) return null;
  const actions = store.getState();
  return (
    <section class="slides-panel" aria-labelledby="slides-heading">
      <div class="slides-head">
        <h2 id="slides-heading">Slides</h2>
        <button type="button" class="link-button" onClick={() => actions.setSlidesOpen(false)}>
          Close
        </button>
      </div>
      <p class="hint">
        A slide keeps the view as it is now: the map, indicator, scope, colouring, rule, filters, datasets and areas shown, and what is selected.
      </p>
      <div class="button-row">
        <button type="button" class="button" onClick={() => actions.saveViewAsSlide()}>
          Save view as slide
        </button>
        <button type="button" class="button-secondary" disabled={slides.length === 0} onClick={() => actions.present(0)}>
          Present
        </button>
        {canUndo && (
          <button type="button" class="button-secondary" onClick={() => actions.undo()}>
            Undo
          </button>
        )}
      </div>
      {saveError && (
        <p class="error-text" role="alert">
          {saveError}
        </p>
      )}
      {slides.length === 0 ? (
        <p class="hint">No slides yet.</p>
      ) : (
        <ol class="slide-list">
          {slides.map((slide, index) => (
            <SlideItem key={slide.id} slide={slide} index={index} count={slides.length} />
          ))}
        </ol>
      )}
    </section>
  );
}
