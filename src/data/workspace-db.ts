// The workspace in the browser's IndexedDB (through idb), saved after each change and read at
// start, so a reload loses nothing. Five stores:
// - `areas`: the target areas, one record each, written by the page (stored-list.ts);
// - `datasets`: each dataset's fields (src/data/dataset.ts), one record each, written by the page;
// - `schemes`: each set of schemes under its hash, written by the coverage worker, which holds the
//   schemes (100k of them must not be copied through the page). Content-addressed, so showing,
//   hiding or renaming a dataset writes a few bytes, and a dataset brought back by undo still
//   finds its schemes. Sets no dataset names any more are removed when the workspace next opens.
// - `slides`: the presentation's slides, one record each, written by the page (stored-list.ts);
// - `quarantine`: records that failed their schema when read (record-schemas.ts), set aside with
//   the reason so the app never breaks on them and the user can export them.
// The schema is versioned; `upgrade` moves older databases forward one version at a time.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Scheme } from '../core/scheme';
import type { TargetArea } from '../core/target-area';
import type { Slide } from '../core/view-snapshot';
import { schemeStats, type Dataset } from './dataset';

const DB_NAME = 'gapmap';
/**
 * 1: datasets whole ({ position, dataset }). 2: fields apart from schemes, both by dataset id.
 * 3: schemes by hash; fields carry scheme counts (stats). 4: target areas by id.
 * 5: a quarantine for records that fail their schema. 6: slides by id.
 */
export const WORKSPACE_DB_VERSION = 6;

/** A record read back that failed its schema, kept apart (key: a number given by the store). */
export interface SetAsideRecord {
  /** The store it came from and its key there. */
  from: 'datasets' | 'areas' | 'slides' | 'schemes';
  key: string;
  /** Its name when it had one, for the message. */
  name: string;
  /** Which member was wrong and how (schema-problem.ts). */
  reason: string;
  setAsideAt: string;
  /** The record as it was stored, for export. */
  value: unknown;
}

export interface WorkspaceDb extends DBSchema {
  /** Key: dataset id. */
  datasets: { key: string; value: { position: number; fields: Dataset } };
  /** Key: the schemes' hash (Dataset.hash). */
  schemes: { key: string; value: Scheme[] };
  /** Key: area id. */
  areas: { key: string; value: { position: number; area: TargetArea } };
  /** Key: slide id. */
  slides: { key: string; value: { position: number; slide: Slide } };
  quarantine: { key: number; value: SetAsideRecord };
}

/** Explains a failed save: a full disk (quota) says so, as the user can act on it. */
export function saveFailureReason(error: unknown): Error {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new Error('the browser has no room left for GapMap’s data (storage quota reached)');
  }
  return error instanceof Error ? error : new Error(String(error));
}

export type OpenWorkspaceDb = () => Promise<IDBPDatabase<WorkspaceDb>>;

/** Opens the database once per caller, upgrading it; closes when another tab needs a newer version. */
export function opener(): OpenWorkspaceDb {
  let db: Promise<IDBPDatabase<WorkspaceDb>> | null = null;
  return () =>
    (db ??= openDB<WorkspaceDb>(DB_NAME, WORKSPACE_DB_VERSION, {
      async upgrade(database, oldVersion, _newVersion, transaction) {
        if (oldVersion < 1) database.createObjectStore('datasets');
        if (oldVersion < 2) database.createObjectStore('schemes');
        if (oldVersion < 4) database.createObjectStore('areas');
        if (oldVersion < 5) database.createObjectStore('quarantine', { autoIncrement: true });
        if (oldVersion < 6) database.createObjectStore('slides');
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

/** The records set aside, for the page to say so and offer them for export. */
export interface Quarantine {
  list(): Promise<SetAsideRecord[]>;
  /** Forgets them (after the user exported them, or chose not to). */
  discard(): Promise<void>;
}

export function openQuarantine(): Quarantine {
  const open = opener();
  return {
    async list() {
      return (await open()).getAll('quarantine');
    },
    async discard() {
      await (await open()).clear('quarantine');
    },
  };
}

/**
 * The records set aside as one JSON file the user can keep, mend by hand or send to support: each
 * with where it was stored, why it was set aside and its value as stored.
 */
export function setAsideFile(records: readonly SetAsideRecord[], exportedAt: string): string {
  return JSON.stringify({ gapmapSetAside: 1, exportedAt, records }, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value), 2);
}
