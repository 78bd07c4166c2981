// The IndexedDB workspace (fake-indexeddb in Node): datasets survive reopening in order, hiding
// one does not write its schemes again, deleting removes them, and a version 1 database is moved
// forward without losing anything.

import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import type { Dataset } from '../../src/data/dataset';
import { openWorkspaceDatabase } from '../../src/data/workspace-db';

const route: Scheme = { id: 'r1', name: 'Route 1', kind: 'transport', footprint: { type: 'line', lines: [[[-2.3, 53.4], [-2.31, 53.41]]], bufferM: 400 } };
const grant: Scheme = { id: 'g1', name: 'Grant 1', kind: 'grant', amountGbp: 500, footprint: { type: 'areas', areas: [{ kind: 'lad', code: 'E08000009' }] } };

function dataset(id: string, schemes: Scheme[], visible = true): Dataset {
  return { id, name: `${id}.geojson`, format: 'GeoJSON', colour: '#d4351c', visible, schemes, problems: [], hash: id, importedAt: '2026-11-26T04:00:00.000Z', locatedBy: [] };
}

beforeEach(async () => {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('gapmap');
    request.onsuccess = request.onerror = () => resolve();
  });
});

describe('IndexedDB workspace', () => {
  it('keeps datasets, in order, across reopening; deleting one removes its schemes', async () => {
    const first = openWorkspaceDatabase();
    await first.save([dataset('b', [grant]), dataset('a', [route], false)]);
    const reopened = await openWorkspaceDatabase().load();
    expect(reopened).toEqual([dataset('b', [grant]), dataset('a', [route], false)]);
    await first.save([dataset('a', [route], false)]);
    expect(await openWorkspaceDatabase().load()).toEqual([dataset('a', [route], false)]);
    const db = await openDB('gapmap');
    expect(await db.getAllKeys('schemes')).toEqual(['a']);
    db.close();
  });

  it('writes a dataset’s schemes once: showing or hiding it writes only its fields', async () => {
    const workspace = openWorkspaceDatabase();
    const shown = dataset('a', [route]);
    await workspace.save([shown]);
    // Tamper with the stored schemes: a later save that rewrote them would undo this.
    const db = await openDB('gapmap');
    await db.put('schemes', [grant], 'a');
    db.close();
    await workspace.save([{ ...shown, visible: false }]);
    const loaded = await openWorkspaceDatabase().load();
    expect(loaded[0]!.visible).toBe(false);
    expect(loaded[0]!.schemes).toEqual([grant]);
  });

  it('moves a version 1 database (datasets whole) forward', async () => {
    const v1 = await openDB('gapmap', 1, { upgrade: (db) => void db.createObjectStore('datasets') });
    await v1.put('datasets', { position: 0, dataset: dataset('old', [route, grant]) }, 'old');
    v1.close();
    expect(await openWorkspaceDatabase().load()).toEqual([dataset('old', [route, grant])]);
  });
});
