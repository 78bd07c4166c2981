// The datasets slice: the datasets of schemes the user imported or drew (each file one dataset,
// shown or hidden, marked proposed or not, deletable with undo), which of them coverage runs on,
// the scheme filter, and saving their fields in the workspace (IndexedDB). Their schemes stay in
// the worker under each dataset's hash.

import { DATASET_COLOURS } from '../../theme';
import { filterKey, NO_FILTER, type SchemeFilter } from '../../core/scheme-filter';
import { hashText } from '../../core/scheme-hash';
import type { Dataset } from '../../data/dataset';
import type { DatasetsChange } from '../history';
import { coveragePatcher, errorText, type SliceCreator } from './context';

/** Saves the datasets (IndexedDB in the app, stored-list.ts); resolves when saved, rejects with a reason. */
export interface WorkspaceStorage {
  load(): Promise<Dataset[]>;
  save(datasets: readonly Dataset[]): Promise<void>;
  /** Hears another tab's changes: `apply` gets the datasets as stored. */
  follow?(apply: (datasets: Dataset[]) => void): () => void;
}

export interface DatasetsState {
  datasets: readonly Dataset[];
  /** Why the workspace could not be saved (null when it was). */
  saveError: string | null;
  /** The visible datasets' names, for "from …" in the tables; null when none is shown. */
  datasetName: string | null;
  /** The hashes of the visible datasets, in order (their schemes are the run's), a key for them all, and how many schemes they hold. */
  shownHashes: readonly string[];
  schemesHash: string | null;
  schemeCount: number;
  /** Which schemes of the datasets shown count (kind, funder, theme, period, amount). */
  filter: SchemeFilter;
}

export const INITIAL_DATASETS: DatasetsState = {
  datasets: [],
  saveError: null,
  datasetName: null,
  shownHashes: [],
  schemesHash: null,
  schemeCount: 0,
  filter: NO_FILTER,
};

export interface DatasetsSlice {
  setDatasetVisible: (id: string, visible: boolean) => void;
  /** Marks a dataset's schemes as proposed (kept out of the current figures) or not. */
  setDatasetProposed: (id: string, proposed: boolean) => void;
  /** Deletes a dataset (one moment of the history). */
  deleteDataset: (id: string) => void;
  /** Counts only the schemes that pass the filter (coverage runs again). */
  setSchemeFilter: (filter: SchemeFilter) => void;
  /** Reads the saved datasets (at start); ones added meanwhile come after them. */
  loadDatasets: () => Promise<void>;
  /** Adds a dataset (an import confirmed). */
  addDataset: (dataset: Dataset) => void;
  /** Applies a recorded change forwards (redo, or doing it) or backwards (undo). */
  applyDatasetsChange: (change: DatasetsChange, direction: 'undo' | 'redo') => void;
  /** The worker stored a new set of schemes, or could not (said until both parts are saved). */
  reportSchemesSaved: (error: string | null) => void;
}

/** The datasets, key, name and count the visible datasets give the coverage run. */
function visibleSchemes(
  datasets: readonly Dataset[],
  filter: SchemeFilter = NO_FILTER,
): Pick<DatasetsState, 'shownHashes' | 'schemesHash' | 'datasetName' | 'schemeCount'> {
  const shown = datasets.filter((d) => d.visible && d.stats.count > 0);
  if (shown.length === 0) return { shownHashes: [], schemesHash: null, datasetName: null, schemeCount: 0 };
  const filtered = filterKey(filter);
  // A dataset marked proposed counts apart: part of the key too.
  const keyOf = (d: Dataset) => (d.proposed ? `${d.hash}+proposed` : d.hash);
  const hash = shown.length === 1 && !shown[0]!.proposed ? shown[0]!.hash : hashText(shown.map(keyOf).join('|'));
  return {
    shownHashes: shown.map((d) => d.hash),
    // The filter is part of the key: a run of the same datasets under another filter is another run.
    schemesHash: filtered ? `${hash}|${hashText(filtered)}` : hash,
    datasetName: shown.length === 1 ? shown[0]!.name : `${shown.length} datasets (${shown.map((d) => d.name).join(', ')})`,
    schemeCount: shown.reduce((sum, d) => sum + d.stats.count, 0),
  };
}

export const newDatasetId = () => `d${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

export const nextColour = (datasets: readonly Dataset[]) => DATASET_COLOURS[datasets.length % DATASET_COLOURS.length]!;

const saveFailure = (error: string) =>
  `Your datasets could not be saved in this browser (${error}). They stay open until you close the page; export the workspace to keep a copy.`;

/** `datasets` with the one whose id is `id` changed (unchanged if it is gone). */
const withDataset = (datasets: readonly Dataset[], id: string, change: (dataset: Dataset) => Dataset) => datasets.map((d) => (d.id === id ? change(d) : d));

export const datasetsSlice: SliceCreator<DatasetsSlice> =
  ({ deps, record, schemeSets }) =>
  (set, get) => {
    const patch = coveragePatcher<Partial<DatasetsState>>(set);

    /** Why the datasets' fields (saved by the page) or their schemes (stored by the worker) were last not saved. */
    const unsaved: { fields: string | null; schemes: string | null } = { fields: null, schemes: null };
    /** One save succeeding does not hide the other failing: the user is told until both succeed. */
    const reportSaved = (part: keyof typeof unsaved, error: string | null) => {
      unsaved[part] = error;
      const reason = unsaved.fields ?? unsaved.schemes;
      patch({ saveError: reason === null ? null : saveFailure(reason) });
    };

    /** New datasets: the schemes coverage runs on follow (the run follows them, reactions.ts), the workspace is saved. */
    const setDatasets = (datasets: readonly Dataset[], save = true) => {
      patch({ datasets, ...visibleSchemes(datasets, get().coverage.filter) });
      if (save && deps.workspace) {
        deps.workspace.save(datasets).then(
          () => reportSaved('fields', null),
          (error: unknown) => reportSaved('fields', errorText(error)),
        );
      }
    };

    const applyDatasetsChange = (change: DatasetsChange, direction: 'undo' | 'redo') => {
      const { datasets } = get().coverage;
      const forward = direction === 'redo';
      switch (change.kind) {
        case 'delete': {
          if (forward) return setDatasets(datasets.filter((d) => d.id !== change.dataset.id));
          if (datasets.some((d) => d.id === change.dataset.id)) return;
          const next = [...datasets];
          next.splice(Math.min(change.index, next.length), 0, change.dataset);
          return setDatasets(next);
        }
        case 'replace':
          return setDatasets([...(forward ? change.after : change.before)]);
        case 'schemes': {
          const present = datasets.some((d) => d.id === change.datasetId);
          if (change.before === null) {
            // The edit made the dataset (the first scheme drawn): undo takes it away, redo brings it back.
            if (!forward) return setDatasets(datasets.filter((d) => d.id !== change.datasetId));
            return present ? setDatasets(withDataset(datasets, change.datasetId, () => change.after)) : setDatasets([...datasets, change.after]);
          }
          const { hash, stats } = forward ? change.after : change.before;
          // Undoing an edit does not hide the dataset again, nor redo show it: only its schemes change.
          const visible = forward ? change.after.visible : undefined;
          return setDatasets(withDataset(datasets, change.datasetId, (d) => ({ ...d, hash, stats, visible: visible ?? d.visible })));
        }
      }
    };

    return {
      setDatasetVisible: (id, visible) => setDatasets(withDataset(get().coverage.datasets, id, (d) => ({ ...d, visible }))),

      setDatasetProposed: (id, proposed) => setDatasets(withDataset(get().coverage.datasets, id, (d) => ({ ...d, proposed }))),

      deleteDataset: (id) => {
        const { datasets } = get().coverage;
        const index = datasets.findIndex((d) => d.id === id);
        if (index < 0) return;
        const change: DatasetsChange = { kind: 'delete', dataset: datasets[index]!, index };
        record({ label: `Deleted ${datasets[index]!.name}`, steps: [{ subject: 'datasets', change }] });
        applyDatasetsChange(change, 'redo');
      },

      setSchemeFilter: (filter) => {
        if (filterKey(filter) === filterKey(get().coverage.filter)) return;
        patch({ filter });
        setDatasets([...get().coverage.datasets], false);
      },

      loadDatasets: async () => {
        if (!deps.workspace) return;
        let saved: Dataset[];
        try {
          saved = await deps.workspace.load();
        } catch (error) {
          patch({ saveError: `The saved workspace could not be read (${errorText(error)}); imports will start a new one.` });
          return;
        }
        // Datasets imported while the workspace was loading come after the saved ones.
        schemeSets.markRead();
        if (saved.length > 0) setDatasets([...saved, ...get().coverage.datasets], false);
        // Sets of schemes no dataset names (deleted before the last reload) leave storage, unless
        // another tab is open: its undo may still bring back a dataset it deleted.
        schemeSets.retain(!(await deps.otherTabsOpen?.()));
        // Another tab's import, change or deletion shows here too (the worker reads the schemes from storage).
        deps.workspace.follow?.((stored) => {
          setDatasets(stored, false);
          void get().refreshSetAside();
        });
        void get().refreshSetAside();
      },

      addDataset: (dataset) => setDatasets([...get().coverage.datasets, dataset]),

      applyDatasetsChange,

      reportSchemesSaved: (error) => reportSaved('schemes', error),
    };
  };
