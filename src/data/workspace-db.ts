// The workspace in the browser's IndexedDB (through idb): the imported datasets, saved after each
// change and read at start, so a reload loses nothing. The schema is versioned; `upgrade` moves
// older databases forward one version at a time.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dataset } from './dataset';

const DB_NAME = 'gapmap';
/** 1: datasets (key: id) with a position so their order survives. */
export const WORKSPACE_DB_VERSION = 1;

interface WorkspaceDb extends DBSchema {
  datasets: { key: string; value: { position: number; dataset: Dataset } };
}

export interface WorkspaceDatabase {
  load(): Promise<Dataset[]>;
  save(datasets: readonly Dataset[]): Promise<void>;
}

/** Explains a failed save: a full disk (quota) says so, as the user can act on it. */
function reason(error: unknown): Error {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new Error('the browser has no room left for GapMap’s data (storage quota reached)');
  }
  return error instanceof Error ? error : new Error(String(error));
}

export function openWorkspaceDatabase(): WorkspaceDatabase {
  let db: Promise<IDBPDatabase<WorkspaceDb>> | null = null;
  const open = () =>
    (db ??= openDB<WorkspaceDb>(DB_NAME, WORKSPACE_DB_VERSION, {
      upgrade(database, oldVersion) {
        // Each step takes the database from one version to the next.
        if (oldVersion < 1) database.createObjectStore('datasets');
      },
    }));
  // Saves run one after another, so an older save never lands after a newer one.
  let queue: Promise<void> = Promise.resolve();
  return {
    async load() {
      const database = await open();
      const rows = await database.getAll('datasets');
      return rows.sort((a, b) => a.position - b.position).map((row) => row.dataset);
    },
    save(datasets) {
      const snapshot = [...datasets];
      const saving = queue.then(async () => {
        try {
          const database = await open();
          const tx = database.transaction('datasets', 'readwrite');
          await tx.store.clear();
          await Promise.all(snapshot.map((dataset, position) => tx.store.put({ position, dataset }, dataset.id)));
          await tx.done;
        } catch (error) {
          throw reason(error);
        }
      });
      queue = saving.catch(() => undefined);
      return saving;
    },
  };
}
