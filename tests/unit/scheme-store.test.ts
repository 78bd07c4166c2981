// The worker's store of schemes by hash, over IndexedDB (fake-indexeddb in Node): a set added is
// found again by a new store (after a reload), `retain` forgets the sets no longer needed (from
// storage only when told), and a full disk is said in words the user can act on while the set
// stays usable.

import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import { hashSchemes } from '../../src/core/scheme-hash';
import { openSchemeStorage, type SchemeStorage } from '../../src/data/workspace-stores';
import { NO_STORAGE, SchemeStore } from '../../src/worker/scheme-store';
import { route } from './small-schemes';

const grant: Scheme = { id: 'g1', name: 'Grant 1', kind: 'grant', amountGbp: 500, footprint: { type: 'areas', areas: [{ kind: 'lad', code: 'E08000009' }] } };
const stop: Scheme = { id: 's1', name: 'Stop 1', kind: 'transport', footprint: { type: 'point', point: [-2.3, 53.4], radiusM: 200 } };

async function storedKeys(): Promise<string[]> {
  const db = await openDB('gapmap');
  const keys = (await db.getAllKeys('schemes')) as string[];
  db.close();
  return keys.sort();
}

beforeEach(async () => {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('gapmap');
    request.onsuccess = request.onerror = () => resolve();
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SchemeStore over IndexedDB', () => {
  it('keeps a set under its hash: a new store (a reload) finds it in storage', async () => {
    const added = await new SchemeStore(openSchemeStorage()).add([route, grant]);
    expect(added).toEqual({ hash: hashSchemes([route, grant]), saveError: null });
    const reloaded = new SchemeStore(openSchemeStorage());
    expect(await reloaded.get(added.hash)).toEqual([route, grant]);
    expect(await reloaded.get(hashSchemes([stop]))).toBeUndefined();
  });

  it('retain(keep, true) removes every other set from memory and storage', async () => {
    const store = new SchemeStore(openSchemeStorage());
    const a = await store.add([route]);
    const b = await store.add([grant]);
    const c = await store.add([stop]);
    expect(await storedKeys()).toEqual([a.hash, b.hash, c.hash].sort());
    await store.retain([a.hash, c.hash], true);
    expect(await storedKeys()).toEqual([a.hash, c.hash].sort());
    expect(await store.get(b.hash)).toBeUndefined();
    expect(await store.get(a.hash)).toEqual([route]);
    expect(await new SchemeStore(openSchemeStorage()).get(c.hash)).toEqual([stop]);
  });

  it('retain(keep, false) forgets other sets in memory only: storage still has them', async () => {
    const store = new SchemeStore(openSchemeStorage());
    const a = await store.add([route]);
    const b = await store.add([grant]);
    await store.retain([a.hash], false);
    expect(await storedKeys()).toEqual([a.hash, b.hash].sort());
    // Brought back (say by undo), the set is read from storage again.
    expect(await store.get(b.hash)).toEqual([grant]);
  });

  it('in memory only (no storage), a set forgotten is gone', async () => {
    const store = new SchemeStore(NO_STORAGE);
    const a = await store.add([route]);
    expect(await store.get(a.hash)).toEqual([route]);
    await store.retain([], false);
    expect(await store.get(a.hash)).toBeUndefined();
  });

  it('says the storage quota was reached when IndexedDB is full, and still holds the set', async () => {
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const store = new SchemeStore(openSchemeStorage());
    const added = await store.add([route, grant]);
    expect(put).toHaveBeenCalled();
    expect(added.hash).toBe(hashSchemes([route, grant]));
    expect(added.saveError).toMatch(/storage quota/);
    expect(await store.get(added.hash)).toEqual([route, grant]);
    put.mockRestore();
    expect(await storedKeys()).toEqual([]);
  });

  it('passes on other storage failures as they are', async () => {
    const failing: SchemeStorage = { ...NO_STORAGE, put: () => Promise.reject(new Error('the disk went away')) };
    const store = new SchemeStore(failing);
    const added = await store.add([stop]);
    expect(added).toEqual({ hash: hashSchemes([stop]), saveError: 'the disk went away' });
    expect(await store.get(added.hash)).toEqual([stop]);
  });
});
