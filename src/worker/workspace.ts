// The worker's calls on the datasets' schemes it holds: one scheme added, changed or removed by
// hand (a new set under a new hash), the workspace file written and read, and the sets the page no
// longer needs forgotten.

import type { Scheme } from '../core/scheme';
import type { TargetArea } from '../core/target-area';
import type { Slide } from '../core/view-snapshot';
import { schemeStats, type Dataset, type DatasetWithSchemes } from '../data/dataset';
import { readWorkspaceFile, workspaceFile } from '../data/workspace-file';
import type { EditOutcome, EditRequest, WorkspaceExport, WorkspaceOpened } from '../contract';
import type { Engine } from './engine';
import { handOver } from './transfer';

export function workspaceCalls(engine: Engine) {
  const { store } = engine;
  return {
    /** Adds, changes or removes one scheme of a dataset: a new set under a new hash. */
    async editSchemes(request: EditRequest): Promise<EditOutcome> {
      const current = request.hash === null ? [] : await store.get(request.hash);
      if (!current) return { kind: 'failed', message: 'The dataset’s schemes are no longer held in this browser; reload the page and try again.' };
      const { change } = request;
      let next: Scheme[];
      switch (change.kind) {
        case 'add': {
          const taken = new Set(current.map((scheme) => scheme.id));
          if (taken.has(change.scheme.id)) return { kind: 'failed', message: `A scheme with the id '${change.scheme.id}' is already in this dataset.` };
          next = [...current, change.scheme];
          break;
        }
        case 'update': {
          const at = current.findIndex((scheme) => scheme.id === change.scheme.id);
          if (at < 0) return { kind: 'failed', message: `The scheme '${change.scheme.name}' is no longer in its dataset.` };
          next = current.map((scheme, k) => (k === at ? change.scheme : scheme));
          break;
        }
        case 'remove':
          next = current.filter((scheme) => scheme.id !== change.id);
          break;
      }
      const { hash, saveError } = await store.add(next);
      return { kind: 'done', hash, stats: schemeStats(next), saveError };
    },

    /** The workspace file (src/data/workspace-file.ts) for these datasets, as UTF-8 (handed over, not copied). */
    async exportWorkspace(datasets: Dataset[], exportedAt: string, themes: string[], areas: TargetArea[], slides: Slide[] = []): Promise<WorkspaceExport> {
      const full: DatasetWithSchemes[] = [];
      for (const dataset of datasets) {
        const schemes = await store.get(dataset.hash);
        if (!schemes)
          return {
            kind: 'failed',
            message: `The schemes of ${dataset.name} are no longer held in this browser, so the workspace cannot be exported whole. Reload the page and try again.`,
          };
        full.push({ ...dataset, schemes: [...schemes] });
      }
      const bytes = new TextEncoder().encode(JSON.stringify(workspaceFile(full, exportedAt, themes, areas, slides))).buffer as ArrayBuffer;
      return handOver({ kind: 'done', bytes }, [bytes]);
    },

    /** Reads a workspace file; its schemes are kept in the worker, its datasets returned. */
    async openWorkspace(bytes: ArrayBuffer, name: string): Promise<WorkspaceOpened> {
      const read = readWorkspaceFile(new TextDecoder().decode(bytes), name);
      if (!read.ok) return { kind: 'failed', message: read.message };
      const datasets: Dataset[] = [];
      let saveError: string | null = null;
      for (const { schemes, ...fields } of read.datasets) {
        const added = await store.add(schemes, fields.hash);
        saveError ??= added.saveError;
        datasets.push(fields);
      }
      return { kind: 'done', datasets, themes: read.themes, areas: read.areas, slides: read.slides, saveError };
    },

    /**
     * The sets the page may still need (datasets, and those undo could bring back); the rest are
     * forgotten (and removed from storage when `fromStorage`).
     */
    retain(hashes: string[], fromStorage: boolean): Promise<void> {
      return store.retain(hashes, fromStorage);
    },
  };
}
