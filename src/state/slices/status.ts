// The status slice: the notice shown over the map, whether the map has drawn, the settings
// (a basemap URL, saved; which dialog is open), and the stored records set aside when read
// because they failed their schema (offered for export, then discarded).

import type { SetAsideRecord } from '../../data/workspace-db';
import { errorText, type SliceCreator } from './context';

interface Notice {
  id: number;
  text: string;
}

type Dialog = 'none' | 'settings' | 'picture';

export interface StatusSlice {
  notice: Notice | null;
  mapReady: boolean;
  basemapUrl: string | null;
  dialog: Dialog;
  /** Stored records that could not be read (workspace-db.ts), until the user discards them. */
  setAside: readonly SetAsideRecord[];
  showNotice: (text: string) => void;
  dismissNotice: () => void;
  setMapReady: () => void;
  setBasemapUrl: (url: string | null) => void;
  openDialog: (dialog: Dialog) => void;
  closeDialog: () => void;
  /** Reads the list of records set aside (after the workspace is read, here or in another tab). */
  refreshSetAside: () => Promise<void>;
  /** Forgets the records set aside. */
  discardSetAside: () => Promise<void>;
}

export const statusSlice =
  (basemapUrl: string | null): SliceCreator<StatusSlice> =>
  ({ deps }) =>
  (set, get) => ({
    notice: null,
    mapReady: false,
    basemapUrl,
    dialog: 'none',
    showNotice: (text) => set((state) => ({ notice: { id: (state.notice?.id ?? 0) + 1, text } })),
    dismissNotice: () => set({ notice: null }),
    setMapReady: () => set({ mapReady: true }),
    setBasemapUrl: (url) => {
      const cleaned = url?.trim() || null;
      deps.saveBasemapUrl(cleaned);
      set({ basemapUrl: cleaned });
    },
    openDialog: (dialog) => set({ dialog }),
    closeDialog: () => set({ dialog: 'none' }),
    setAside: [],
    refreshSetAside: async () => {
      if (!deps.quarantine) return;
      try {
        set({ setAside: await deps.quarantine.list() });
      } catch {
        // Reading the list is only to tell the user; the records stay set aside for the next start.
      }
    },
    discardSetAside: async () => {
      if (!deps.quarantine) return;
      try {
        await deps.quarantine.discard();
        set({ setAside: [] });
      } catch (error) {
        get().showNotice(`The records set aside could not be discarded (${errorText(error)}).`);
      }
    },
  });
