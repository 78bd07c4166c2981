// The workspace in the browser's IndexedDB (through idb): the imported datasets, saved after each
// change and read at start, so a reload loses nothing. A dataset's schemes (which may be 100k) are
// stored apart from its few fields and written only when they change, so showing, hiding or
// reordering datasets writes a few bytes. The schema is versioned; `upgrade` moves older
// databases forward one version at a time.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Scheme } from '../core/scheme';
import type { Dataset } from './dataset';

const DB_NAME = 'gapmap';
/** 1: datasets whole ({ position, dataset }). 2: fields and schemes apart (below). */
export const WORKSPACE_DB_VERSION = 2;

type DatasetFields = Omit<Dataset, 'schemes'>;

interface WorkspaceDb extends DBSchema {
  /** Key: dataset id. */
  datasets: { key: string; value: { position: number; fields: DatasetFields } };
  /** Key: dataset id. */
  schemes: { key: string; value: Scheme[] };
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

const fieldsOf = ({ schemes: _schemes, ...fields }: Dataset): DatasetFields => fields;

export function openWorkspaceDatabase(): WorkspaceDatabase {
  let db: Promise<IDBPDatabase<WorkspaceDb>> | null = null;
  const open = () =>
    (db ??= openDB<WorkspaceDb>(DB_NAME, WORKSPACE_DB_VERSION, {
      async upgrade(database, oldVersion, _newVersion, transaction) {
        if (oldVersion < 1) {
          database.createObjectStore('datasets');
        }
        if (oldVersion < 2) {
          // Version 1 kept each dataset whole; split its schemes out.
          database.createObjectStore('schemes');
          if (oldVersion === 1) {
            const datasets = transaction.objectStore('datasets');
            const schemes = transaction.objectStore('schemes');
            for (let cursor = await datasets.openCursor(); cursor; cursor = await cursor.continue()) {
              const old = cursor.value as unknown as { position: number; dataset: Dataset };
              await schemes.put(old.dataset.schemes, cursor.key);
              await cursor.update({ position: old.position, fields: fieldsOf(old.dataset) });
            }
          }
        }
      },
      // Another tab opening a newer GapMap (or clearing site data) needs this connection closed;
      // the next save or load opens it again.
      blocking() {
        void db?.then((open) => open.close());
        db = null;
      },
    }));
  /** The schemes arrays already stored, by dataset id: unchanged ones are not written again. */
  const stored = new Map<string, readonly Scheme[]>();
  // Saves run one after another, so an older save never lands after a newer one.
  let queue: Promise<void> = Promise.resolve();
  return {
    async load() {
      const database = await open();
      const rows = await database.getAll('datasets');
      const keys = await database.getAllKeys('datasets');
      const datasets = await Promise.all(rows.map(async (row, k): Promise<Dataset> => ({ ...row.fields, schemes: (await database.get('schemes', keys[k]!)) ?? [] })));
      datasets.forEach((dataset) => stored.set(dataset.id, dataset.schemes));
      return rows
        .map((row, k) => ({ position: row.position, dataset: datasets[k]! }))
        .sort((a, b) => a.position - b.position)
        .map(({ dataset }) => dataset);
    },
    save(datasets) {
      const snapshot = [...datasets];
      const saving = queue.then(async () => {
        try {
          const database = await open();
          const tx = database.transaction(['datasets', 'schemes'], 'readwrite');
          const kept = new Set(snapshot.map((d) => d.id));
          const writes: Promise<unknown>[] = [];
          for (const id of await tx.objectStore('datasets').getAllKeys()) {
            if (!kept.has(id)) writes.push(tx.objectStore('datasets').delete(id), tx.objectStore('schemes').delete(id));
          }
          snapshot.forEach((dataset, position) => {
            writes.push(tx.objectStore('datasets').put({ position, fields: fieldsOf(dataset) }, dataset.id));
            if (stored.get(dataset.id) !== dataset.schemes) writes.push(tx.objectStore('schemes').put(dataset.schemes, dataset.id));
          });
          await Promise.all(writes);
          await tx.done;
          for (const id of [...stored.keys()]) if (!kept.has(id)) stored.delete(id);
          for (const dataset of snapshot) stored.set(dataset.id, dataset.schemes);
        } catch (error) {
          throw reason(error);
        }
      });
      queue = saving.catch(() => undefined);
      return saving;
    },
  };
}
