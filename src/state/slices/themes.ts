// The themes slice: the council's own list of themes, offered with the Levelling Up missions when
// tagging schemes; saved (localStorage in the app); each change is a moment of the undo history.

import { coveragePatcher, type SliceCreator } from './context';

/** Keeps the council's own list of themes (localStorage in the app). */
export interface ThemeStorage {
  load(): string[];
  save(themes: readonly string[]): void;
}

export interface ThemesState {
  /** The council's own themes, offered with the Levelling Up missions when tagging schemes. */
  themes: readonly string[];
}

export const INITIAL_THEMES: ThemesState = { themes: [] };

export interface ThemesSlice {
  /** Replaces the council's own list of themes (saved; one moment of the history). */
  setThemes: (themes: readonly string[]) => void;
  /** Reads the saved list (at start). */
  loadThemes: () => void;
  /** Puts a list back (undo, redo, a workspace file): saved, not recorded. */
  restoreThemes: (themes: readonly string[]) => void;
}

export const themesSlice: SliceCreator<ThemesSlice> =
  ({ deps, record }) =>
  (set, get) => {
    const patch = coveragePatcher<Partial<ThemesState>>(set);
    const restoreThemes = (themes: readonly string[]) => {
      patch({ themes: [...themes] });
      deps.themes?.save(themes);
    };
    return {
      setThemes: (themes) => {
        const before = get().coverage.themes;
        if (before.length === themes.length && before.every((theme, k) => theme === themes[k])) return;
        record({ label: 'Changed the themes', steps: [{ subject: 'themes', before, after: [...themes] }] });
        restoreThemes(themes);
      },
      loadThemes: () => {
        // At start, and when another tab changed them (an emptied list included).
        if (deps.themes) patch({ themes: deps.themes.load() });
      },
      restoreThemes,
    };
  };
