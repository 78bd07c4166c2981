// A list the page keeps in IndexedDB one record per item (the datasets' fields, the target areas),
// so that several tabs can share one workspace:
// - a save writes only the items that changed and deletes only the items this tab removed (never
//   "replace the store"), so a dataset another tab added is never deleted by this tab's save;
// - after each save the other tabs are told (BroadcastChannel) and read the list again, so every
//   tab shows the same workspace;
// - every record read is checked against its schema (record-schemas.ts); one that fails is moved
//   to the quarantine store with the reason, and the rest load (nothing stored can break the app);
// - a record can be refused at write time (a dataset whose schemes are not stored is not kept:
//   its fields and its schemes are kept together or not at all).

import type { IDBPTransaction } from 'idb';
import { check } from './schema-problem';
import type * as v from 'valibot';
import { saveFailureReason, type OpenWorkspaceDb, type SetAsideRecord, type WorkspaceDb } from './workspace-db';

export interface StoredList<T> {
  /** The stored items, in order; records that fail their schema are set aside (workspace-db.ts). */
  load(): Promise<T[]>;
  /** Writes what changed since the list last saved or shown; rejects with a reason a user can act on. */
  save(list: readonly T[]): Promise<void>;
  /**
   * Calls `apply` with the list as stored whenever another tab changes it (after this tab's own
   * saves have landed); returns a function that stops listening.
   */
  follow(apply: (list: T[]) => void): () => void;
}

type ListStore = 'datasets' | 'areas' | 'slides';
type WriteTransaction = IDBPTransaction<WorkspaceDb, ('datasets' | 'areas' | 'slides' | 'schemes' | 'quarantine')[], 'readwrite'>;

export interface StoredListOptions<T> {
  store: ListStore;
  /** The member of a row holding the item (`fields` for datasets, `area` for areas, `slide` for slides). */
  member: 'fields' | 'area' | 'slide';
  schema: v.GenericSchema<unknown, T>;
  /** The item's kind and name for messages, e.g. `dataset "Grants"`. */
  describe: (item: unknown, key: string) => string;
  idOf: (item: T) => string;
  /** Why an item cannot be kept now (checked in the write's own transaction), or null. */
  refuse?: (tx: WriteTransaction, item: T) => Promise<string | null>;
  /** Why a stored item that passed its schema cannot be used (checked when read), or null. */
  unusable?: (tx: WriteTransaction, item: T) => Promise<string | null>;
  /** Names this tab in its messages to the others (tests give two lists two names). */
  tab?: string;
}

const CHANNEL = 'gapmap-workspace';
const THIS_TAB = Math.random().toString(36).slice(2);

interface Message {
  tab: string;
  store: ListStore;
}

export function storedList<T>(open: OpenWorkspaceDb, options: StoredListOptions<T>): StoredList<T> {
  const { store, member, idOf } = options;
  const tab = options.tab ?? THIS_TAB;
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  /** Each item's row as last written or read, by id: a save writes the items whose row differs. */
  const known = new Map<string, string>();
  /** Reads and writes in the order asked, so an older save never lands after a newer one. */
  let queue: Promise<unknown> = Promise.resolve();
  let savesAsked = 0;
  const enqueue = <R>(work: () => Promise<R>): Promise<R> => {
    const done = queue.then(work);
    queue = done.catch(() => undefined);
    return done;
  };
  const rowOf = (item: T, position: number) => ({ position, [member]: item }) as never;

  /** Reads every row and sets aside those that fail. */
  const read = async (): Promise<T[]> => {
    const db = await open();
    const tx = db.transaction([store, 'schemes', 'quarantine'], 'readwrite') as unknown as WriteTransaction;
    const rows = tx.objectStore(store);
    const kept: { position: number; item: T }[] = [];
    for (let cursor = await rows.openCursor(); cursor; cursor = await cursor.continue()) {
      const key = String(cursor.key);
      const row = cursor.value as unknown as Record<string, unknown>;
      const what = options.describe(row?.[member], key);
      const checked = check(options.schema, row?.[member], what);
      let reason = checked.ok ? null : checked.problem;
      if (checked.ok && !(typeof row.position === 'number' && Number.isFinite(row.position))) reason = `${what}: its place in the list is damaged`;
      if (checked.ok && reason === null && options.unusable) {
        const why = await options.unusable(tx, checked.value);
        if (why) reason = `${what}: ${why}`;
      }
      if (reason === null && checked.ok) {
        kept.push({ position: row.position as number, item: checked.value });
        continue;
      }
      const named = row?.[member] as { name?: unknown } | undefined;
      const record: SetAsideRecord = {
        from: store,
        key,
        name: typeof named?.name === 'string' ? named.name : key,
        reason: reason ?? what,
        setAsideAt: new Date().toISOString(),
        value: row,
      };
      await tx.objectStore('quarantine').add(record);
      await cursor.delete();
    }
    await tx.done;
    kept.sort((a, b) => a.position - b.position || (idOf(a.item) < idOf(b.item) ? -1 : 1));
    return kept.map(({ item }) => item);
  };
  /** Later saves are measured from these items, as now stored. */
  const remember = (items: readonly T[]) => items.forEach((item, position) => known.set(idOf(item), JSON.stringify(rowOf(item, position))));

  return {
    load: () =>
      enqueue(async () => {
        // Items added before the read (and saved) stay known: the page shows them after the stored ones.
        const items = await read();
        remember(items);
        return items;
      }),

    save(list) {
      savesAsked++;
      // What to write is decided now, from the list this tab last saved or showed: a later read
      // (another tab's change) must not turn into deletions.
      const puts: { id: string; item: T; row: string; position: number }[] = [];
      const ids = new Set(list.map(idOf));
      const deletes = [...known.keys()].filter((id) => !ids.has(id));
      for (const id of deletes) known.delete(id);
      list.forEach((item, position) => {
        const id = idOf(item);
        const row = JSON.stringify(rowOf(item, position));
        if (known.get(id) === row) return;
        known.set(id, row);
        puts.push({ id, item, row, position });
      });
      if (puts.length === 0 && deletes.length === 0) return enqueue(() => Promise.resolve());
      return enqueue(async () => {
        const refused: string[] = [];
        try {
          const db = await open();
          const tx = db.transaction([store, 'schemes'], 'readwrite') as unknown as WriteTransaction;
          const rows = tx.objectStore(store);
          for (const id of deletes) await rows.delete(id);
          for (const { id, item, position } of puts) {
            const why = options.refuse ? await options.refuse(tx, item) : null;
            if (why) {
              refused.push(`${options.describe(item, id)} ${why}`);
              known.delete(id); // Tried again at the next save.
              continue;
            }
            await rows.put(rowOf(item, position), id);
          }
          await tx.done;
        } catch (error) {
          for (const { id } of puts) known.delete(id);
          throw saveFailureReason(error);
        }
        channel?.postMessage({ tab, store } satisfies Message);
        if (refused.length > 0) throw new Error(refused.join('; '));
      });
    },

    follow(apply) {
      if (!channel) return () => undefined;
      const reread = () => {
        const asked = savesAsked;
        void enqueue(read).then(
          (items) => {
            // This tab changed the list while reading: its save is on its way and will tell the
            // others; read again after it, so what is shown is never older than what was saved.
            if (savesAsked !== asked) return reread();
            // The page now shows exactly these: an item it no longer has must not be deleted later.
            known.clear();
            remember(items);
            apply(items);
          },
          () => undefined,
        );
      };
      const listener = (event: MessageEvent<Message>) => {
        if (event.data?.store === store && event.data.tab !== tab) reread();
      };
      channel.addEventListener('message', listener);
      return () => channel.removeEventListener('message', listener);
    },
  };
}
