import './slides.css';
import { useEffect } from 'preact/hooks';
import { INDICATORS } from '../core/indicators';
import { resolveScopeRef, scopeName } from '../core/scope';
import type { ViewSnapshot } from '../core/view-snapshot';
import type { AppState } from '../state/store';
import { useAppState, useAppStore } from './use-store';

const COLOURED_BY: Record<ViewSnapshot['colourBy'], string> = {
  deprivation: 'deprivation decile',
  schemes: 'schemes reaching each LSOA',
  'per-head': '£ allocated per head',
  bivariate: 'deprivation and £ per head',
};

/** The short caption under a slide's title: what the map shows and where (never the speaker notes). */
function caption(state: AppState, view: ViewSnapshot): string {
  const scope = resolveScopeRef(state.attributes, view.scope);
  const place = scope ? scopeName(state.attributes, scope) : 'England';
  const datasets = view.datasets.length === 0 ? '' : ` · ${view.datasets.map((d) => d.name).join(', ')}`;
  return `${INDICATORS[view.indicator].label}, ${view.vintage} · ${place} · coloured by ${COLOURED_BY[view.colourBy]}${datasets}`;
}

/** Keys that move between slides: arrows, space and the PageUp/PageDown a presentation clicker sends. */
const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

/** Present mode: full screen, the slide's title and caption over the map, the key, no controls. */
export function Presenter() {
  const store = useAppStore();
  const presenting = useAppState((state) => state.presenting);
  const slide = useAppState((state) => (state.presenting === null ? null : (state.slides[state.presenting] ?? null)));
  const count = useAppState((state) => state.slides.length);
  const on = presenting !== null;

  useEffect(() => {
    if (!on) return;
    document.documentElement.classList.add('presenting');
    // Full screen where the browser allows it (it needs this click's user activation; refused in a frame).
    if (!document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => undefined);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') store.getState().stopPresenting();
      else if (NEXT.has(event.key)) store.getState().stepSlide(1);
      else if (PREVIOUS.has(event.key)) store.getState().stepSlide(-1);
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    // Leaving full screen (the browser's own Esc) leaves presenting too.
    const onFullscreen = () => {
      if (!document.fullscreenElement) store.getState().stopPresenting();
    };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      document.documentElement.classList.remove('presenting');
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('fullscreenchange', onFullscreen);
      if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
    };
  }, [on, store]);

  if (!on || !slide) return null;
  return (
    <div class="presenter" aria-live="polite">
      <h1 class="presenter-title">{slide.title}</h1>
      <p class="presenter-caption">{caption(store.getState(), slide.view)}</p>
      <p class="presenter-count">
        {presenting + 1} / {count}
      </p>
    </div>
  );
}
