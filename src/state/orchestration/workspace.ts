// Store-level actions about the workspace that span subjects: loading it at start (themes, then
// datasets), exporting it (datasets, themes, areas in one file), opening a workspace file (one
// moment replacing datasets, areas and themes), confirming an import (the import ends, a dataset
// is added, the map fits it once drawn), and saving or removing a scheme through the form (the
// worker makes a new set, the dataset takes it: one moment).

import type { Scheme } from '../../core/scheme';
import type { Bounds } from '../../core/scope';
import { DRAWN_DATASET_NAME, type Dataset } from '../../data/dataset';
import type { CoverageClient, SchemeChange } from '../../contract';
import type { DatasetsChange, Step } from '../history';
import { UNAVAILABLE, errorText, workerFailure, type SliceCreator } from '../slices/context';
import { newDatasetId, nextColour } from '../slices/datasets';
import { applyStep } from './undo';

/** What the store's actions hand to its reactions (reactions.ts). */
export interface Pending {
  /** The box around the schemes just imported, fitted once the run that draws them is done. */
  fitAfterRun: Bounds | null;
}

export interface WorkspaceActions {
  /** Loads the saved workspace (at start). */
  loadWorkspace: () => Promise<void>;
  /** The workspace as one file (GeoJSON with a versioned `gapmap` member, UTF-8); null when it could not be made (said in importErrors). */
  exportWorkspace: () => Promise<ArrayBuffer | null>;
  /** Replaces the datasets (and areas and themes, when the file has them) with a workspace file's: one moment. */
  openWorkspaceFile: (file: File) => Promise<void>;
  /** Adds the previewed file's schemes as a dataset. */
  confirmImport: () => Promise<void>;
  /** Saves the form's scheme (added to the drawn dataset, or changed in its own). */
  saveScheme: (scheme: Scheme) => Promise<void>;
  /** Removes the scheme whose form is open from its dataset. */
  removeScheme: () => Promise<void>;
}

export const workspaceActions =
  (pending: Pending): SliceCreator<WorkspaceActions> =>
  ({ deps, record, schemeSets }) =>
  (_set, get) => {
    /**
     * Applies a change to one dataset's schemes in the worker (a new set under a new hash), then
     * the dataset takes the new hash: one moment, saved, and coverage runs again. Null `datasetId`
     * makes the drawn dataset. The form stays open with the reason if the worker refuses.
     */
    const changeSchemes = async (datasetId: string | null, change: SchemeChange) => {
      const client = deps.coverage;
      if (get().coverage.editing.kind !== 'form') return;
      const refuse = (error: string) => get().setSchemeFormStatus({ saving: false, error });
      if (!client) return refuse(UNAVAILABLE);
      const dataset = datasetId === null ? undefined : get().coverage.datasets.find((d) => d.id === datasetId);
      if (datasetId !== null && !dataset) return refuse('Its dataset was deleted meanwhile; nothing was changed.');
      get().setSchemeFormStatus({ saving: true });
      let outcome: Awaited<ReturnType<CoverageClient['editSchemes']>>;
      try {
        outcome = await schemeSets.making(() => client.editSchemes({ hash: dataset?.hash ?? null, change }));
      } catch (error) {
        return refuse(workerFailure(error));
      }
      if (outcome.kind === 'failed') return refuse(outcome.message);
      const { datasets } = get().coverage;
      // As it is now (it may have been hidden or deleted while the worker was busy).
      const current = datasetId === null ? undefined : datasets.find((d) => d.id === datasetId);
      if (datasetId !== null && !current) return refuse('Its dataset was deleted meanwhile; nothing was changed.');
      const updated: Dataset = current
        ? { ...current, hash: outcome.hash, stats: outcome.stats, visible: change.kind === 'add' || current.visible }
        : {
            id: newDatasetId(),
            name: DRAWN_DATASET_NAME,
            format: 'drawn',
            colour: nextColour(datasets),
            visible: true,
            problems: [],
            hash: outcome.hash,
            importedAt: new Date().toISOString(),
            locatedBy: [],
            stats: outcome.stats,
          };
      get().closeSchemeForm();
      const edit: DatasetsChange = {
        kind: 'schemes',
        datasetId: updated.id,
        before: current ? { hash: current.hash, stats: current.stats } : null,
        after: updated,
      };
      const what = change.kind === 'add' ? 'Added' : change.kind === 'update' ? 'Changed' : 'Removed';
      record({ label: `${what} a scheme in ${updated.name}`, steps: [{ subject: 'datasets', change: edit }] });
      get().applyDatasetsChange(edit, 'redo');
      get().reportSchemesSaved(outcome.saveError);
    };

    return {
      loadWorkspace: async () => {
        get().loadThemes();
        await get().loadDatasets();
      },

      exportWorkspace: async () => {
        const fail = (message: string) => {
          get().reportImportError('Workspace', message, true);
          return null;
        };
        if (!deps.coverage) return fail(UNAVAILABLE);
        try {
          const { coverage, areas, slides } = get();
          const exported = await deps.coverage.exportWorkspace(
            [...coverage.datasets],
            new Date().toISOString(),
            [...coverage.themes],
            [...areas.list],
            [...slides],
          );
          return exported.kind === 'done' ? exported.bytes : fail(exported.message);
        } catch (error) {
          return fail(workerFailure(error));
        }
      },

      openWorkspaceFile: async (file) => {
        const fail = (message: string) => get().reportImportError(file.name, message, true);
        const client = deps.coverage;
        if (!client) return fail(UNAVAILABLE);
        let bytes: ArrayBuffer;
        try {
          bytes = await file.arrayBuffer();
        } catch (error) {
          return fail(`${file.name} could not be read (${errorText(error)}).`);
        }
        let opened: Awaited<ReturnType<CoverageClient['openWorkspace']>>;
        try {
          opened = await schemeSets.making(() => client.openWorkspace(bytes, file.name));
        } catch (error) {
          return fail(workerFailure(error));
        }
        if (opened.kind === 'failed') return fail(opened.message);
        get().clearImportErrors();
        const { coverage, areas } = get();
        const steps: Step[] = [{ subject: 'datasets', change: { kind: 'replace', before: coverage.datasets, after: opened.datasets } }];
        // A file with areas replaces them too; an older file leaves them.
        if (opened.areas !== null) steps.push({ subject: 'areas', before: areas.list, after: opened.areas, replacing: true });
        if (opened.themes.length > 0) steps.push({ subject: 'themes', before: coverage.themes, after: opened.themes });
        if (opened.slides !== null) steps.push({ subject: 'slides', before: get().slides, after: opened.slides });
        record({ label: `Opened ${file.name}`, opened: { name: file.name }, steps });
        for (const step of steps) applyStep(get(), step, 'redo');
        get().reportSchemesSaved(opened.saveError);
      },

      confirmImport: async () => {
        const client = deps.coverage;
        const { importing } = get().coverage;
        if (!client || importing.kind !== 'preview' || importing.updating || importing.preview.schemes === 0) return;
        const { token, name, table } = importing.preview;
        get().startTakingImport();
        let taken: Awaited<ReturnType<CoverageClient['takeImport']>>;
        let failure: string | null = null;
        try {
          taken = await schemeSets.making(() => client.takeImport({ token, name, existing: get().coverage.datasets.map((d) => d.hash) }));
        } catch (error) {
          taken = null;
          failure = workerFailure(error);
        }
        if (!taken) return get().finishImport({ name, message: failure ?? `${name} was not imported: the worker no longer held it. Choose the file again.` });
        const { datasets } = get().coverage;
        if (table) deps.mappings?.remember(table.headers, table.meanings);
        get().addDataset({
          id: newDatasetId(),
          name,
          format: taken.format,
          colour: nextColour(datasets),
          visible: true,
          problems: taken.problems,
          hash: taken.hash,
          importedAt: new Date().toISOString(),
          locatedBy: taken.locatedBy,
          stats: taken.stats,
        });
        get().reportSchemesSaved(taken.saveError);
        // Show what was just added (a file from another part of England would otherwise be off screen),
        // once its run is drawn: the map's scheme tiles change source while it moves otherwise, and
        // MapLibre can keep the empty tiles it loaded during the move.
        pending.fitAfterRun = taken.bounds;
        get().finishImport(null);
      },

      saveScheme: async (scheme) => {
        const { editing } = get().coverage;
        if (editing.kind !== 'form' || editing.saving) return;
        const drawn = get().coverage.datasets.find((d) => d.format === 'drawn');
        const datasetId = editing.isNew ? (drawn?.id ?? null) : editing.datasetId;
        await changeSchemes(datasetId, editing.isNew ? { kind: 'add', scheme } : { kind: 'update', scheme });
      },

      removeScheme: async () => {
        const { editing } = get().coverage;
        if (editing.kind !== 'form' || editing.isNew || editing.saving) return;
        await changeSchemes(editing.datasetId, { kind: 'remove', id: editing.scheme.id });
      },
    };
  };
