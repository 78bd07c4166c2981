// The stored workspace shared by several tabs (two lists named as two tabs, fake-indexeddb and
// Node's BroadcastChannel), and records that fail their schema when read: set aside with the
// reason, never allowed to break the rest.

import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import { hashSchemes } from '../../src/core/scheme-hash';
import type { TargetArea } from '../../src/core/target-area';
import { schemeStats, type Dataset } from '../../src/data/dataset';
import { openQuarantine } from '../../src/data/workspace-db';
import { openAreaDatabase, openSchemeStorage, openWorkspaceDatabase } from '../../src/data/workspace-stores';
import { route } from './small-schemes';

const grant: Scheme = { id: 'g1', name: 'Grant 1', kind: 'grant', amountGbp: 500, footprint: { type: 'areas', areas: [{ kind: 'lad', code: 'E08000009' }] } };

function dataset(id: string, schemes: Scheme[]): Dataset {
  return {
    id,
    name: `${id}.geojson`,
    format: 'GeoJSON',
    colour: '#d4351c',
    visible: true,
    problems: [],
    hash: hashSchemes(schemes),
    importedAt: '2026-12-07T10:00:00.000Z',
    locatedBy: [],
    stats: schemeStats(schemes),
  };
}

const area: TargetArea = {
  id: 'a1',
  name: 'Old Trafford',
  description: '',
  colour: '#4c2c92',
  visible: true,
  definition: { kind: 'lsoas', codes: ['E01006074'] },
};

/** Resolves with the next list `follow` applies. */
function nextApplied<T>(list: { follow(apply: (items: T[]) => void): () => void }): Promise<T[]> {
  return new Promise((resolve) => {
    const stop = list.follow((items) => {
      stop();
      resolve(items);
    });
  });
}

beforeEach(async () => {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('gapmap');
    request.onsuccess = request.onerror = () => resolve();
  });
  await openSchemeStorage().put(hashSchemes([route]), [route]);
  await openSchemeStorage().put(hashSchemes([grant]), [grant]);
});

describe('two tabs on one workspace', () => {
  it('a dataset added in one tab is not deleted when the other saves, and each tab hears of the other’s change', async () => {
    const tabA = openWorkspaceDatabase('A');
    const tabB = openWorkspaceDatabase('B');
    expect(await tabA.load()).toEqual([]);
    expect(await tabB.load()).toEqual([]);

    // Each tab imports a file before hearing of the other's (the old save replaced the store).
    const heardByA = nextApplied(tabA);
    const heardByB = nextApplied(tabB);
    await Promise.all([tabA.save([dataset('routes', [route])]), tabB.save([dataset('grants', [grant])])]);
    expect((await openWorkspaceDatabase().load()).map((d) => d.id).sort()).toEqual(['grants', 'routes']);
    expect((await heardByA).map((d) => d.id).sort()).toEqual(['grants', 'routes']);
    expect((await heardByB).map((d) => d.id).sort()).toEqual(['grants', 'routes']);

    // A deletion in one tab reaches the other, and deletes only what that tab removed.
    const heardAgain = nextApplied(tabB);
    await tabA.save([dataset('grants', [grant])]);
    expect((await heardAgain).map((d) => d.id)).toEqual(['grants']);
  });

  it('target areas too', async () => {
    const tabA = openAreaDatabase('A');
    const tabB = openAreaDatabase('B');
    await Promise.all([tabA.load(), tabB.load()]);
    const heard = nextApplied(tabB);
    await Promise.all([tabA.save([area]), tabB.save([{ ...area, id: 'a2', name: 'Gorse Hill' }])]);
    expect((await openAreaDatabase().load()).map((a) => a.name).sort()).toEqual(['Gorse Hill', 'Old Trafford']);
    expect((await heard).map((a) => a.name).sort()).toEqual(['Gorse Hill', 'Old Trafford']);
  });
});

describe('records that fail their schema when read', () => {
  it('are set aside with the member and value named; the rest load', async () => {
    const db = await openDB('gapmap');
    const good = dataset('routes', [route]);
    await db.put('datasets', { position: 0, fields: good }, 'routes');
    await db.put('datasets', { position: 1, fields: { ...dataset('grants', [grant]), problems: 'oops' } }, 'grants');
    await db.put('datasets', { position: 2, fields: dataset('lost', [route, grant]) }, 'lost');
    await db.put('areas', { position: 0, area }, 'a1');
    await db.put('areas', { position: 1, area: { ...area, id: 'a2', colour: 'url(http://example.invalid/x)' } }, 'a2');
    await db.put('areas', { position: 2, area: { ...area, id: 'a3', definition: { kind: 'shapes', polygons: 4 } } }, 'a3');
    db.close();

    expect(await openWorkspaceDatabase().load()).toEqual([good]);
    expect(await openAreaDatabase().load()).toEqual([area]);
    const setAside = await openQuarantine().list();
    expect(setAside.map((record) => [record.from, record.key, record.reason])).toEqual([
      ['datasets', 'grants', 'dataset "grants.geojson": problems is "oops", expected a list'],
      ['datasets', 'lost', 'dataset "lost.geojson": its schemes are not in this browser’s storage'],
      ['areas', 'a2', 'target area "Old Trafford": colour is "url(http://example.invalid/x)", which is not a colour (#rrggbb)'],
      ['areas', 'a3', 'target area "Old Trafford": definition.polygons is 4, which is not a list of polygons of rings of [longitude, latitude] pairs'],
    ]);
    // Kept whole for export, and no longer loaded.
    expect(setAside[0]!.value).toMatchObject({ fields: { id: 'grants', problems: 'oops' } });
    expect(await openWorkspaceDatabase().load()).toEqual([good]);
    await openQuarantine().discard();
    expect(await openQuarantine().list()).toEqual([]);
  });

  it('a stored set of schemes that fails is set aside and reads as missing', async () => {
    const db = await openDB('gapmap');
    await db.put('schemes', [{ ...route, footprint: { type: 'line', lines: 'x', bufferM: 400 } }], 'bad');
    db.close();
    expect(await openSchemeStorage().get('bad')).toBeUndefined();
    expect((await openQuarantine().list()).map((record) => [record.from, record.reason])).toEqual([
      ['schemes', 'the schemes stored under bad: [0].footprint.lines is "x", which is not a list of lines of [longitude, latitude] pairs'],
    ]);
    expect(await openSchemeStorage().get(hashSchemes([route]))).toEqual([route]);
  });
});
