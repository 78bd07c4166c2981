import { useEffect } from 'preact/hooks';
import type { DrawShape } from '../state/slices/scheme-editing';
import { useAppState, useAppStore } from './use-store';

const WHAT_A_CLICK_DOES: Record<DrawShape, string> = {
  point: 'Click the map where the scheme is.',
  line: 'Click along the route; click its last point again or press Enter to finish.',
};

/** Buttons to add a scheme by hand: a point with a catchment, or a route with a walking buffer. */
export function DrawSchemeButtons() {
  const store = useAppStore();
  const editing = useAppState((state) => state.coverage.editing);
  const drawing = editing.kind === 'drawing' ? editing.shape : null;
  const toggle = (shape: DrawShape) => store.getState().startDrawing(drawing === shape ? null : shape);
  return (
    <div class="draw-schemes">
      <p class="label" id="draw-schemes-label">
        Or add one on the map
      </p>
      <div class="button-row" role="group" aria-labelledby="draw-schemes-label">
        <button type="button" class="button-secondary button-small" aria-pressed={drawing === 'point'} onClick={() => toggle('point')}>
          Place a point
        </button>
        <button type="button" class="button-secondary button-small" aria-pressed={drawing === 'line'} onClick={() => toggle('line')}>
          Draw a route
        </button>
      </div>
    </div>
  );
}

/** Over the map while drawing: what a click does, and how to stop (also Esc). */
export function DrawingBanner() {
  const store = useAppStore();
  const editing = useAppState((state) => state.coverage.editing);
  const shape = editing.kind === 'drawing' ? editing.shape : null;
  const camera = useAppState((state) => state.camera);

  useEffect(() => {
    if (!shape) return;
    const onKey = (event: KeyboardEvent) => {
      // A route half drawn is dropped by the drawing tool itself on the first Escape.
      if (event.key === 'Escape' && shape === 'point') store.getState().startDrawing(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shape, store]);

  if (!shape) return null;
  return (
    <div class="drawing-banner" role="status">
      <span>{WHAT_A_CLICK_DOES[shape]}</span>
      {shape === 'point' && camera && (
        // Without a mouse: move the map with the arrow keys, then place the point at its centre.
        <button
          type="button"
          class="button-secondary button-small"
          onClick={() => store.getState().finishDrawing({ shape: 'point', point: [camera.lng, camera.lat] })}
        >
          Place at the map’s centre
        </button>
      )}
      <button type="button" class="button-secondary button-small" onClick={() => store.getState().startDrawing(null)}>
        Stop drawing
      </button>
    </div>
  );
}
