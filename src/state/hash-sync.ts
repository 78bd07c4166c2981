// Keeps the address bar's hash in step with the store, so reloading or sharing the link reopens
// the same view, and applies a hash the user edits or reaches with back/forward.

import { scopeRefOf } from '../core/scope';
import type { AppState, AppStore } from './store';
import { selectedLsoa } from './slices/panel';
import { formatViewHash, parseViewHash, type UrlView } from './url';

export function urlViewOf(state: AppState): UrlView {
  const lsoa = selectedLsoa(state.panel);
  return {
    camera: state.camera,
    indicator: state.indicator,
    scope: scopeRefOf(state.attributes, state.scope),
    lsoa: lsoa === null ? null : (state.attributes.codes[lsoa] ?? null),
  };
}

/** Returns a function that stops the syncing. */
export function syncHashWithStore(store: AppStore, win: Window = window): () => void {
  let written = win.location.hash;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const write = () => {
    timer = undefined;
    const hash = formatViewHash(urlViewOf(store.getState()));
    if (hash === written) return;
    written = hash;
    // replaceState: panning should not fill the back button's history.
    win.history.replaceState(win.history.state, '', hash === '' ? win.location.pathname + win.location.search : hash);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    const changed =
      state.camera !== previous.camera || state.indicator !== previous.indicator || state.scope !== previous.scope || state.panel !== previous.panel;
    // Camera reports arrive in bursts while the map moves; write once it settles.
    if (changed && timer === undefined) timer = setTimeout(write, 250);
  });

  const onHashChange = () => {
    if (win.location.hash === written) return;
    written = win.location.hash;
    store.getState().applyUrlView(parseViewHash(win.location.hash));
  };
  win.addEventListener('hashchange', onHashChange);

  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    win.removeEventListener('hashchange', onHashChange);
  };
}
