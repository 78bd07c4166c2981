// The details slice: the details file (names, wards, MSOAs, ranks; fetched once, on first need),
// the search index built from it, the LSOA waiting to be flown to until it arrives, and the marker
// of the last postcode searched for.

import { createSearchIndex, type SearchIndex } from '../../core/search';
import type { Problem } from '../../data/load';
import type { AttributesFile, DetailsFile } from '../../data/schema';
import { buildSearchEntries } from '../search-entries';
import type { SliceCreator } from './context';

type DetailsState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; details: DetailsFile } | { status: 'failed'; problem: Problem };

export interface DetailsSlice {
  details: DetailsState;
  searchIndex: SearchIndex;
  /** Starts the one fetch of the details file; later calls do nothing. */
  loadDetails: () => void;
  /** The LSOA to fly to once the details arrive, if a fly was asked for before. */
  pendingFlyLsoa: number | null;
  setPendingFly: (lsoa: number | null) => void;
  /** Where the last postcode searched for is, for the map's marker; null when none. */
  postcodeMarker: { postcode: string; lon: number; lat: number } | null;
  setPostcodeMarker: (marker: { postcode: string; lon: number; lat: number }) => void;
}

export const detailsSlice =
  (attributes: AttributesFile): SliceCreator<DetailsSlice> =>
  ({ deps }) =>
  (set, get) => ({
    details: { status: 'idle' },
    pendingFlyLsoa: null,
    postcodeMarker: null,
    // Codes and council names are searchable at once; LSOA, ward and MSOA names once details arrive.
    searchIndex: createSearchIndex(buildSearchEntries(attributes, null)),
    loadDetails: () => {
      if (get().details.status !== 'idle') return;
      set({ details: { status: 'loading' } });
      void deps.fetchDetails().then((result) => {
        if (!result.ok) {
          set({ details: { status: 'failed', problem: result.problem } });
          return;
        }
        set({ details: { status: 'ready', details: result.value }, searchIndex: createSearchIndex(buildSearchEntries(attributes, result.value)) });
      });
    },
    setPendingFly: (lsoa) => set({ pendingFlyLsoa: lsoa }),
    setPostcodeMarker: (marker) => set({ postcodeMarker: marker }),
  });
