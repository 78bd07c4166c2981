// Keeps the address bar's hash in step with the store, so reloading or sharing the link reopens
// the same view, and applies a hash the user edits or reaches with back/forward.

import type { AppStore } from './store';
import { formatViewHash, parseViewHash } from './url';
import { urlViewOf } from './view-snapshot';

/** The address of the view now: what "Copy link" copies. */
export function linkToView(store: AppStore, location: Location = window.location): string {
  return `${location.origin}${location.pathname}${location.search}${formatViewHash(urlViewOf(store.getState()))}`;
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
      state.camera !== previous.camera ||
      state.indicator !== previous.indicator ||
      state.scope !== previous.scope ||
      state.panel !== previous.panel ||
      state.coverage !== previous.coverage ||
      state.areas.list !== previous.areas.list ||
      state.areas.selectedId !== previous.areas.selectedId;
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
