// The panel slice: the LSOA under the pointer, the selection the side panel shows (an LSOA, a ward
// or an MSOA), and which of its tabs (details, coverage, areas) are open and in front. Selecting
// also loads details and moves the map, so those actions are in orchestration/navigation.ts.

import type { SliceCreator } from './context';

export type AreaSelection = { kind: 'ward' | 'msoa'; index: number };

/** What the side panel shows. An LSOA opened from a ward or MSOA goes back to it on close. */
export type PanelMode = { mode: 'closed' } | { mode: 'lsoa'; index: number; from: AreaSelection | null } | { mode: 'area'; area: AreaSelection };

export type PanelTab = 'details' | 'coverage' | 'areas';

export interface PanelSlice {
  hover: number | null;
  panel: PanelMode;
  panelCollapsed: boolean;
  /** Which tab of the side panel is in front: details of the selection, or coverage. */
  panelTab: PanelTab;
  /** Whether the coverage tab is open (the panel shows while it, the areas tab or a selection is). */
  coverageOpen: boolean;
  /** Whether the areas tab is open. */
  areasOpen: boolean;
  setHover: (lsoa: number | null) => void;
  /** Shows an LSOA in the panel (`keepTab`: without bringing the details tab to the front). */
  showLsoa: (lsoa: number, keepTab: boolean) => void;
  /** Shows a ward or MSOA in the panel. */
  showAreaPanel: (area: AreaSelection) => void;
  /** Closes the LSOA shown (a link that names none). */
  closeLsoa: () => void;
  /**
   * Esc and the close button: closes the tab in front. Coverage closes (back to any details);
   * details go back to the ward/MSOA an LSOA came from, else close (back to any coverage).
   */
  closePanel: () => void;
  setPanelCollapsed: (collapsed: boolean) => void;
  /** Brings the coverage tab to the front; true when this opened the panel (or uncollapsed it). */
  showCoverageTab: () => boolean;
  openAreas: () => void;
  showPanelTab: (tab: PanelTab) => void;
}

/** The ward or MSOA drawn as highlighted, if any. */
export function highlightedArea(panel: PanelMode): AreaSelection | null {
  switch (panel.mode) {
    case 'closed':
      return null;
    case 'lsoa':
      return panel.from;
    case 'area':
      return panel.area;
  }
}

export function selectedLsoa(panel: PanelMode): number | null {
  return panel.mode === 'lsoa' ? panel.index : null;
}

export const panelSlice: SliceCreator<PanelSlice> = () => (set, get) => ({
  hover: null,
  panel: { mode: 'closed' },
  panelCollapsed: false,
  panelTab: 'details',
  coverageOpen: false,
  areasOpen: false,
  setHover: (lsoa) => {
    if (get().hover !== lsoa) set({ hover: lsoa });
  },
  showLsoa: (lsoa, keepTab) => {
    const { panel, coverageOpen, areasOpen } = get();
    const panelTab = keepTab && (coverageOpen || areasOpen) ? get().panelTab : 'details';
    set({ panel: { mode: 'lsoa', index: lsoa, from: keepTab ? null : highlightedArea(panel) }, panelCollapsed: false, panelTab });
  },
  showAreaPanel: (area) => set({ panel: { mode: 'area', area }, panelCollapsed: false, panelTab: 'details' }),
  closeLsoa: () => {
    if (get().panel.mode === 'lsoa') set({ panel: { mode: 'closed' } });
  },
  closePanel: () => {
    const { panel, panelTab, coverageOpen, areasOpen } = get();
    if (panelTab === 'areas' && areasOpen) {
      set({ areasOpen: false, panelTab: coverageOpen ? 'coverage' : 'details' });
      return;
    }
    if (panelTab === 'coverage' && coverageOpen) {
      set({ coverageOpen: false, panelTab: areasOpen ? 'areas' : 'details' });
      return;
    }
    const next: PanelMode = panel.mode === 'lsoa' && panel.from ? { mode: 'area', area: panel.from } : { mode: 'closed' };
    if (panel.mode !== 'closed') set({ panel: next });
    if (next.mode === 'closed' && (coverageOpen || areasOpen)) set({ panelTab: coverageOpen ? 'coverage' : 'areas' });
  },
  setPanelCollapsed: (collapsed) => set({ panelCollapsed: collapsed }),
  showCoverageTab: () => {
    const { panel, coverageOpen, panelCollapsed } = get();
    const opening = (panel.mode === 'closed' && !coverageOpen) || panelCollapsed;
    set({ coverageOpen: true, panelTab: 'coverage', panelCollapsed: false });
    return opening;
  },
  openAreas: () => set({ areasOpen: true, panelTab: 'areas', panelCollapsed: false }),
  showPanelTab: (tab) =>
    set(tab === 'coverage' ? { panelTab: tab, coverageOpen: true } : tab === 'areas' ? { panelTab: tab, areasOpen: true } : { panelTab: tab }),
});
