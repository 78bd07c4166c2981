// Binds Preact components to the vanilla store: re-render when the selected slice changes.
// Ten lines of our own instead of pulling in preact/compat for zustand's React hook.

import { createContext } from 'preact';
import { useContext, useEffect, useReducer, useRef } from 'preact/hooks';
import type { AppState, AppStore } from '../state/store';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a <StoreContext.Provider> above it.');
  return store;
}

/** Selectors must return stable values (state fields or memoised results), compared with Object.is. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useAppStore();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const selected = selector(store.getState());
  const latest = useRef({ selector, selected });
  latest.current = { selector, selected };
  useEffect(() => {
    const check = (state: AppState) => {
      if (!Object.is(latest.current.selector(state), latest.current.selected)) rerender(0);
    };
    const unsubscribe = store.subscribe(check);
    // The store may have changed between this render and the subscription (effects run after
    // paint): a component mounted just before a worker's answer would otherwise miss it.
    check(store.getState());
    return unsubscribe;
  }, [store]);
  return selected;
}
