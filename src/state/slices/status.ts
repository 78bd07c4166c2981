// The status slice: the notice shown over the map, whether the map has drawn, and the settings
// (a basemap URL, saved; which dialog is open).

import type { SliceCreator } from './context';

interface Notice {
  id: number;
  text: string;
}

type Dialog = 'none' | 'settings';

export interface StatusSlice {
  notice: Notice | null;
  mapReady: boolean;
  basemapUrl: string | null;
  dialog: Dialog;
  showNotice: (text: string) => void;
  dismissNotice: () => void;
  setMapReady: () => void;
  setBasemapUrl: (url: string | null) => void;
  openDialog: (dialog: Dialog) => void;
  closeDialog: () => void;
}

export const statusSlice =
  (basemapUrl: string | null): SliceCreator<StatusSlice> =>
  ({ deps }) =>
  (set) => ({
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
  });
