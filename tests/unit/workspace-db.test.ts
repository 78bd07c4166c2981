// The IndexedDB workspace (fake-indexeddb in Node): the page saves datasets' fields, which survive
// reopening in order; it never writes the schemes (the worker keeps those by hash, see
// scheme-store.test.ts) and keeps a dataset only with its schemes; and older databases are moved
// forward without losing anything. Several tabs and damaged records: workspace-tabs.test.ts.

import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import { hashSchemes } from '../../src/core/scheme-hash';
import type { TargetArea } from '../../src/core/target-area';
import { schemeStats, type Dataset } from '../../src/data/dataset';
import { WORKSPACE_DB_VERSION } from '../../src/data/workspace-db';
import { openAreaDatabase, openSchemeStorage, openWorkspaceDatabase } from '../../src/data/workspace-stores';
import { route } from './small-schemes';

const grant: Scheme = { id: 'g1', name: 'Grant 1', kind: 'grant', amountGbp: 500, footprint: { type: 'areas', areas: [{ kind: 'lad', code: 'E08000009' }] } };

/** A dataset's fields as version 3 keeps them (stats and hash follow from the schemes). */
function dataset(id: string, schemes: Scheme[], visible = true): Dataset {
  return {
    id,
    name: `${id}.geojson`,
    format: 'GeoJSON',
    colour: '#d4351c',
    visible,
    problems: [],
    hash: hashSchemes(schemes),
    importedAt: '2026-11-26T04:00:00.000Z',
    locatedBy: [],
    stats: schemeStats(schemes),
  };
}

/** The same dataset as versions 1 and 2 kept its fields: no stats. */
function oldFields(id: string, schemes: Scheme[], visible = true): Omit<Dataset, 'stats'> {
  const { stats: _stats, ...fields } = dataset(id, schemes, visible);
  return fields;
}

async function storedSchemeKeys(): Promise<string[]> {
  const db = await openDB('gapmap');
  const keys = await db.getAllKeys('schemes');
  db.close();
  return (keys as string[]).sort();
}

beforeEach(async () => {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('gapmap');
    request.onsuccess = request.onerror = () => resolve();
  });
});

describe('IndexedDB workspace', () => {
  it('keeps datasets’ fields, in order, across reopening; a deleted dataset’s fields go', async () => {
    await openSchemeStorage().put(hashSchemes([grant]), [grant]);
    await openSchemeStorage().put(hashSchemes([route]), [route]);
    const first = openWorkspaceDatabase();
    await first.save([dataset('b', [grant]), dataset('a', [route], false)]);
    const reopened = await openWorkspaceDatabase().load();
    expect(reopened).toEqual([dataset('b', [grant]), dataset('a', [route], false)]);
    await first.save([dataset('a', [route], false)]);
    expect(await openWorkspaceDatabase().load()).toEqual([dataset('a', [route], false)]);
    const db = await openDB('gapmap');
    expect(db.version).toBe(WORKSPACE_DB_VERSION);
    expect(await db.getAllKeys('datasets')).toEqual(['a']);
    db.close();
  });

  it('never writes schemes from the page, and keeps a dataset only with its schemes (all or nothing)', async () => {
    const workspace = openWorkspaceDatabase();
    const shown = dataset('a', [route]);
    // The worker could not store the set (e.g. the disk was full): the fields are not kept either,
    // so a reload never lists a dataset without its schemes.
    await expect(workspace.save([shown])).rejects.toThrow('dataset "a.geojson" was not kept: its schemes could not be saved in this browser');
    expect(await storedSchemeKeys()).toEqual([]);
    expect(await openWorkspaceDatabase().load()).toEqual([]);
    // The worker stores the set under its hash; the next save keeps the dataset.
    await openSchemeStorage().put(shown.hash, [route]);
    await workspace.save([{ ...shown, visible: false }]);
    const loaded = await openWorkspaceDatabase().load();
    expect(loaded).toEqual([{ ...shown, visible: false }]);
    expect(await openSchemeStorage().get(shown.hash)).toEqual([route]);
    // Deleting keeps the set (undo may bring the dataset back); the worker's retain removes it later.
    await workspace.save([]);
    expect(await openWorkspaceDatabase().load()).toEqual([]);
    expect(await storedSchemeKeys()).toEqual([shown.hash]);
  });

  it('moves a version 1 database (datasets whole, by id) forward: fields with stats, schemes by hash', async () => {
    const v1 = await openDB('gapmap', 1, { upgrade: (db) => void db.createObjectStore('datasets') });
    await v1.put('datasets', { position: 1, dataset: { ...oldFields('old', [route, grant]), schemes: [route, grant] } }, 'old');
    await v1.put('datasets', { position: 0, dataset: { ...oldFields('first', [grant], false), schemes: [grant] } }, 'first');
    v1.close();
    const loaded = await openWorkspaceDatabase().load();
    expect(loaded).toEqual([dataset('first', [grant], false), dataset('old', [route, grant])]);
    expect(loaded[1]!.stats).toMatchObject({ count: 2, shapes: { point: 0, line: 1, polygon: 0, areas: 1 } });
    expect(loaded.some((d: Dataset) => 'schemes' in d)).toBe(false);
    const storage = openSchemeStorage();
    expect(await storage.get(hashSchemes([route, grant]))).toEqual([route, grant]);
    expect(await storage.get(hashSchemes([grant]))).toEqual([grant]);
    expect(await storedSchemeKeys()).toEqual([hashSchemes([route, grant]), hashSchemes([grant])].sort());
  });

  it('moves a version 2 database (fields and schemes, both by dataset id) forward: schemes under the hash, id keys gone', async () => {
    const v2 = await openDB('gapmap', 2, {
      upgrade: (db) => {
        db.createObjectStore('datasets');
        db.createObjectStore('schemes');
      },
    });
    await v2.put('datasets', { position: 0, fields: oldFields('a', [route]) }, 'a');
    await v2.put('datasets', { position: 1, fields: oldFields('b', [grant, route], false) }, 'b');
    await v2.put('schemes', [route], 'a');
    await v2.put('schemes', [grant, route], 'b');
    v2.close();
    const loaded = await openWorkspaceDatabase().load();
    expect(loaded).toEqual([dataset('a', [route]), dataset('b', [grant, route], false)]);
    expect(loaded[0]!.stats.count).toBe(1);
    expect(loaded[1]!.stats.count).toBe(2);
    const storage = openSchemeStorage();
    expect(await storage.get(loaded[0]!.hash)).toEqual([route]);
    expect(await storage.get(loaded[1]!.hash)).toEqual([grant, route]);
    expect(await storage.get('a')).toBeUndefined();
    expect(await storage.get('b')).toBeUndefined();
    expect(await storedSchemeKeys()).toEqual([hashSchemes([route]), hashSchemes([grant, route])].sort());
  });
});

describe('IndexedDB target areas', () => {
  const ring: [number, number][] = [
    [-2.3, 53.45],
    [-2.29, 53.45],
    [-2.29, 53.46],
    [-2.3, 53.46],
    [-2.3, 53.45],
  ];
  const area = (id: string, name: string, definition: TargetArea['definition']): TargetArea => ({
    id,
    name,
    description: `${name}, for the warm homes pilot`,
    colour: '#4c2c92',
    visible: true,
    definition,
  });
  const drawn = area('a1', 'Old Trafford', { kind: 'shapes', polygons: [[ring]] });
  const chosen = area('a2', 'Priority LSOAs', { kind: 'lsoas', codes: ['E01006074', 'E01006075'] });
  const hidden = { ...area('a3', 'Gorse Hill', { kind: 'lsoas', codes: ['E01006100'] }), visible: false };

  it('moves a version 3 database forward: datasets and schemes kept, empty areas, quarantine and slides stores added', async () => {
    const v3 = await openDB('gapmap', 3, {
      upgrade: (db) => {
        db.createObjectStore('datasets');
        db.createObjectStore('schemes');
      },
    });
    const a = dataset('a', [route]);
    const b = dataset('b', [grant, route], false);
    await v3.put('datasets', { position: 1, fields: a }, 'a');
    await v3.put('datasets', { position: 0, fields: b }, 'b');
    await v3.put('schemes', [route], a.hash);
    await v3.put('schemes', [grant, route], b.hash);
    v3.close();

    expect(await openAreaDatabase().load()).toEqual([]);
    expect(await openWorkspaceDatabase().load()).toEqual([b, a]);
    const storage = openSchemeStorage();
    expect(await storage.get(a.hash)).toEqual([route]);
    expect(await storage.get(b.hash)).toEqual([grant, route]);
    expect(await storedSchemeKeys()).toEqual([a.hash, b.hash].sort());
    const db = await openDB('gapmap');
    expect(db.version).toBe(WORKSPACE_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['areas', 'datasets', 'quarantine', 'schemes', 'slides']);
    expect(await db.count('areas')).toBe(0);
    expect(await db.count('slides')).toBe(0);
    db.close();
  });

  it('keeps areas, in order, across reopening; deleted ones go; datasets are left alone', async () => {
    await openSchemeStorage().put(hashSchemes([route]), [route]);
    await openWorkspaceDatabase().save([dataset('a', [route])]);
    const first = openAreaDatabase();
    await first.save([chosen, drawn, hidden]);
    expect(await openAreaDatabase().load()).toEqual([chosen, drawn, hidden]);

    // Reordered, one deleted, one changed.
    const renamed = { ...drawn, name: 'Old Trafford and Firswood' };
    await first.save([hidden, renamed]);
    expect(await openAreaDatabase().load()).toEqual([hidden, renamed]);
    const db = await openDB('gapmap');
    expect(((await db.getAllKeys('areas')) as string[]).sort()).toEqual(['a1', 'a3']);
    db.close();

    await first.save([]);
    expect(await openAreaDatabase().load()).toEqual([]);
    expect(await openWorkspaceDatabase().load()).toEqual([dataset('a', [route])]);
  });

  it('saves made one after another land in that order', async () => {
    const areas = openAreaDatabase();
    const saves = [areas.save([drawn]), areas.save([drawn, chosen]), areas.save([chosen])];
    await Promise.all(saves);
    expect(await openAreaDatabase().load()).toEqual([chosen]);
  });
});
