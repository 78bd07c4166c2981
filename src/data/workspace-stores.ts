// The workspace's stores as the app uses them: the datasets' fields and the target areas for the
// page (one record per item, stored-list.ts), the sets of schemes for the coverage worker. Every
// record read back is checked against its schema (record-schemas.ts); what fails is set aside.

import * as v from 'valibot';
import type { Scheme } from '../core/scheme';
import type { TargetArea } from '../core/target-area';
import type { Dataset } from './dataset';
import { datasetSchema, schemeSchema, targetAreaSchema } from './record-schemas';
import { slideSchema } from './slide-schemas';
import type { Slide } from '../core/view-snapshot';
import { check } from './schema-problem';
import { storedList, type StoredList } from './stored-list';
import { opener, saveFailureReason } from './workspace-db';

const nameOf = (item: unknown) => {
  const name = (item as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? `"${name}"` : null;
};

/** The datasets' fields, for the page. A dataset is kept only with its schemes (stored by the worker first). */
export function openWorkspaceDatabase(tab?: string): StoredList<Dataset> {
  return storedList(opener(), {
    store: 'datasets',
    member: 'fields',
    schema: datasetSchema,
    describe: (item, key) => `dataset ${nameOf(item) ?? key}`,
    idOf: (dataset) => dataset.id,
    refuse: async (tx, dataset) =>
      (await tx.objectStore('schemes').getKey(dataset.hash)) === undefined ? 'was not kept: its schemes could not be saved in this browser' : null,
    unusable: async (tx, dataset) =>
      (await tx.objectStore('schemes').getKey(dataset.hash)) === undefined ? 'its schemes are not in this browser’s storage' : null,
    ...(tab ? { tab } : {}),
  });
}

/** The target areas, for the page. */
export function openAreaDatabase(tab?: string): StoredList<TargetArea> {
  return storedList(opener(), {
    store: 'areas',
    member: 'area',
    schema: targetAreaSchema,
    describe: (item, key) => `target area ${nameOf(item) ?? key}`,
    idOf: (area) => area.id,
    ...(tab ? { tab } : {}),
  });
}

/** The presentation's slides, for the page. */
export function openSlideDatabase(tab?: string): StoredList<Slide> {
  return storedList(opener(), {
    store: 'slides',
    member: 'slide',
    schema: slideSchema,
    describe: (item, key) => {
      const title = (item as { title?: unknown } | undefined)?.title;
      return `slide ${typeof title === 'string' ? `"${title}"` : key}`;
    },
    idOf: (slide) => slide.id,
    ...(tab ? { tab } : {}),
  });
}

/** The schemes by hash, for the coverage worker. */
export interface SchemeStorage {
  /** The set, or undefined when it is not stored (or failed its schema: then it is set aside). */
  get(hash: string): Promise<Scheme[] | undefined>;
  /** Rejects with a reason the user can act on (a full disk says so). */
  put(hash: string, schemes: readonly Scheme[]): Promise<void>;
  /** Removes every set whose hash is not in `keep`. */
  retain(keep: ReadonlySet<string>): Promise<void>;
}

const schemeSetSchema = v.array(schemeSchema);

export function openSchemeStorage(): SchemeStorage {
  const open = opener();
  return {
    async get(hash) {
      const db = await open();
      const stored = await db.get('schemes', hash);
      if (stored === undefined) return undefined;
      const checked = check(schemeSetSchema, stored, `the schemes stored under ${hash}`);
      if (checked.ok) return checked.value;
      const tx = db.transaction(['schemes', 'quarantine'], 'readwrite');
      await tx
        .objectStore('quarantine')
        .add({ from: 'schemes', key: hash, name: hash, reason: checked.problem, setAsideAt: new Date().toISOString(), value: stored });
      await tx.objectStore('schemes').delete(hash);
      await tx.done;
      return undefined;
    },
    async put(hash, schemes) {
      try {
        await (await open()).put('schemes', [...schemes], hash);
      } catch (error) {
        throw saveFailureReason(error);
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
