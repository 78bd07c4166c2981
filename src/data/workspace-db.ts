// The workspace in the browser's IndexedDB (through idb), saved after each change and read at
// start, so a reload loses nothing. Three stores, written from two places:
// - `areas`: the target areas, in order, written by the page;
// - `datasets`: each dataset's fields (src/data/dataset.ts), written by the page;
// - `schemes`: each set of schemes under its hash, written by the coverage worker, which holds the
//   schemes (100k of them must not be copied through the page). Content-addressed, so showing,
//   hiding or renaming a dataset writes a few bytes, and a dataset brought back by undo still
//   finds its schemes. Sets no dataset names any more are removed when the workspace next opens.
// The schema is versioned; `upgrade` moves older databases forward one version at a time.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Scheme } from '../core/scheme';
import type { TargetArea } from '../core/target-area';
import { schemeStats, type Dataset } from './dataset';

const DB_NAME = 'gapmap';
/**
 * 1: datasets whole ({ position, dataset }). 2: fields apart from schemes, both by dataset id.
 * 3: schemes by hash; fields carry scheme counts (stats). 4: target areas by id.
 */
export const WORKSPACE_DB_VERSION = 4;

interface WorkspaceDb extends DBSchema {
  /** Key: dataset id. */
  datasets: { key: string; value: { position: number; fields: Dataset } };
  /** Key: the schemes' hash (Dataset.hash). */
  schemes: { key: string; value: Scheme[] };
  /** Key: area id. */
  areas: { key: string; value: { position: number; area: TargetArea } };
}

/** Explains a failed save: a full disk (quota) says so, as the user can act on it. */
function reason(error: unknown): Error {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new Error('the browser has no room left for GapMap’s data (storage quota reached)');
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Opens the database once per caller, upgrading it; closes when another tab needs a newer version. */
function opener(): () => Promise<IDBPDatabase<WorkspaceDb>> {
  let db: Promise<IDBPDatabase<WorkspaceDb>> | null = null;
  return () =>
    (db ??= openDB<WorkspaceDb>(DB_NAME, WORKSPACE_DB_VERSION, {
      async upgrade(database, oldVersion, _newVersion, transaction) {
        if (oldVersion < 1) database.createObjectStore('datasets');
        if (oldVersion < 2) database.createObjectStore('schemes');
        if (oldVersion < 4) database.createObjectStore('areas');
        if (oldVersion === 0 || oldVersion >= 3) return;
        // Older versions: each row moves to the version 3 form (schemes by hash, fields with stats).
        const datasets = transaction.objectStore('datasets');
        const schemes = transaction.objectStore('schemes');
        for (let cursor = await datasets.openCursor(); cursor; cursor = await cursor.continue()) {
          const row = cursor.value as unknown as { position: number; dataset?: Dataset & { schemes: Scheme[] }; fields?: Dataset };
          const id = cursor.key;
          const list = oldVersion === 1 ? (row.dataset?.schemes ?? []) : ((await schemes.get(id)) ?? []);
          const { schemes: _dropped, ...fields } = (oldVersion === 1 ? row.dataset : row.fields) as Dataset & { schemes?: Scheme[] };
          if (oldVersion === 2) await schemes.delete(id);
          await schemes.put(list, fields.hash);
          await cursor.update({ position: row.position, fields: { ...fields, stats: schemeStats(list) } });
        }
      },
      // Another tab opening a newer GapMap (or clearing site data) needs this connection closed;
      // the next save or load opens it again.
      blocking() {
        void db?.then((open) => open.close());
        db = null;
      },
    }));
}

/** The datasets' fields, for the page. */
export interface WorkspaceDatabase {
  load(): Promise<Dataset[]>;
  save(datasets: readonly Dataset[]): Promise<void>;
}

/**
 * Saves that run one after another, so an older save never lands after a newer one; each replaces
 * the store's rows with the list given (in order), and a failure says why in words a user can act on.
 */
function queuedSaves<T>(write: (items: readonly T[]) => Promise<void>): (items: readonly T[]) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (items) => {
    const snapshot = [...items];
    const saving = queue.then(async () => {
      try {
        await write(snapshot);
      } catch (error) {
        throw reason(error);
      }
    });
    queue = saving.catch(() => undefined);
    return saving;
  };
}

export function openWorkspaceDatabase(): WorkspaceDatabase {
  const open = opener();
  return {
    async load() {
      const rows = await (await open()).getAll('datasets');
      return rows.sort((a, b) => a.position - b.position).map((row) => row.fields);
    },
    save: queuedSaves<Dataset>(async (datasets) => {
      const tx = (await open()).transaction('datasets', 'readwrite');
      const kept = new Set(datasets.map((d) => d.id));
      const writes: Promise<unknown>[] = [];
      for (const id of await tx.store.getAllKeys()) if (!kept.has(id)) writes.push(tx.store.delete(id));
      datasets.forEach((fields, position) => writes.push(tx.store.put({ position, fields }, fields.id)));
      await Promise.all(writes);
      await tx.done;
    }),
  };
}

/** The target areas, for the page. */
export interface AreaDatabase {
  load(): Promise<TargetArea[]>;
  save(areas: readonly TargetArea[]): Promise<void>;
}

export function openAreaDatabase(): AreaDatabase {
  const open = opener();
  return {
    async load() {
      const rows = await (await open()).getAll('areas');
      return rows.sort((a, b) => a.position - b.position).map((row) => row.area);
    },
    save: queuedSaves<TargetArea>(async (areas) => {
      const tx = (await open()).transaction('areas', 'readwrite');
      const kept = new Set(areas.map((area) => area.id));
      const writes: Promise<unknown>[] = [];
      for (const id of await tx.store.getAllKeys()) if (!kept.has(id)) writes.push(tx.store.delete(id));
      areas.forEach((area, position) => writes.push(tx.store.put({ position, area }, area.id)));
      await Promise.all(writes);
      await tx.done;
    }),
  };
}

/** The schemes by hash, for the coverage worker. */
export interface SchemeStorage {
  get(hash: string): Promise<Scheme[] | undefined>;
  /** Rejects with a reason the user can act on (a full disk says so). */
  put(hash: string, schemes: readonly Scheme[]): Promise<void>;
  /** Removes every set whose hash is not in `keep`. */
  retain(keep: ReadonlySet<string>): Promise<void>;
}

export function openSchemeStorage(): SchemeStorage {
  const open = opener();
  return {
    async get(hash) {
      return (await open()).get('schemes', hash);
    },
    async put(hash, schemes) {
      try {
        await (await open()).put('schemes', [...schemes], hash);
      } catch (error) {
        throw reason(error);
      }
    },
    async retain(keep) {
      const database = await open();
      const tx = database.transaction('schemes', 'readwrite');
      const drop = (await tx.store.getAllKeys()).filter((hash) => !keep.has(hash));
      await Promise.all(drop.map((hash) => tx.store.delete(hash)));
      await tx.done;
    },
  };
}
