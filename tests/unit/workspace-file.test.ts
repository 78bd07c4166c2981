// The workspace file: real datasets (the Trafford routes and the Trafford Council grants) exported
// and read back exactly; files from elsewhere, newer versions and damaged files refused clearly.

import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import { hashSchemes } from '../../src/core/scheme-hash';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { schemeStats, type DatasetWithSchemes } from '../../src/data/dataset';
import { importSchemesFile } from '../../src/data/import/import-file';
import { readSchemesGeoJson } from '../../src/data/read-schemes-geojson';
import { readWorkspaceFile, workspaceFile, WORKSPACE_FILE_VERSION } from '../../src/data/workspace-file';
import { builtData, sharedRoot, trafford } from './built-data';

let datasets: DatasetWithSchemes[];

beforeAll(async () => {
  const data = await builtData();
  const routes = readSchemesGeoJson(fs.readFileSync(trafford.routes, 'utf8'));
  if (!routes.ok) throw new Error('routes should read');
  const grantsFile = path.join(sharedRoot, 'grants', 'trafford_council_voluntary_sector_grants_360giving.csv');
  const grants = await importSchemesFile(fs.readFileSync(grantsFile), 'grants.csv', {
    areas: buildAreaResolver(data.attributes, data.details, data.lookups),
    defaultKind: 'grant',
  });
  if (!grants.ok) throw new Error(grants.message);
  const base = { importedAt: '2026-11-26T03:00:00.000Z', locatedBy: [] as [string, number][] };
  datasets = [
    {
      ...base,
      id: 'd1',
      name: 'routes.geojson',
      format: 'GeoJSON',
      colour: '#d4351c',
      visible: true,
      schemes: routes.schemes,
      problems: routes.problems,
      hash: hashSchemes(routes.schemes),
      stats: schemeStats(routes.schemes),
    },
    {
      ...base,
      id: 'd2',
      name: 'grants.csv',
      format: 'CSV',
      colour: '#1d70b8',
      visible: false,
      schemes: grants.schemes,
      problems: grants.problems,
      hash: hashSchemes(grants.schemes),
      stats: schemeStats(grants.schemes),
      locatedBy: [...grants.table!.locatedBy],
    },
  ];
});

describe('workspace file', () => {
  it('reads back exactly what was exported: datasets, order, visibility, schemes and problems', () => {
    const text = JSON.stringify(workspaceFile(datasets, '2026-11-26T03:10:00.000Z'));
    const read = readWorkspaceFile(text, 'workspace.geojson');
    if (!read.ok) throw new Error(read.message);
    expect(read.datasets).toEqual(datasets);
    expect(read.datasets.map((d) => hashSchemes(d.schemes))).toEqual(datasets.map((d) => d.hash));
  });

  it('carries the target areas exactly; a file from before areas has none (null), and damaged areas refuse the file', () => {
    const areas = [
      {
        id: 'a1',
        name: 'Old Trafford',
        description: 'Pilot',
        colour: '#4c2c92',
        visible: true,
        definition: {
          kind: 'shapes' as const,
          polygons: [
            [
              [
                [-2.3, 53.45],
                [-2.29, 53.45],
                [-2.29, 53.46],
                [-2.3, 53.45],
              ],
            ],
          ] as [number, number][][][],
        },
      },
      {
        id: 'a2',
        name: 'Priority LSOAs',
        description: '',
        colour: '#d4351c',
        visible: false,
        definition: { kind: 'lsoas' as const, codes: ['E01006109', 'E01006110'] },
      },
    ];
    const file = workspaceFile(datasets, '2026-11-26T03:10:00.000Z', [], areas);
    const read = readWorkspaceFile(JSON.stringify(file), 'workspace.geojson');
    if (!read.ok) throw new Error(read.message);
    expect(read.areas).toEqual(areas);

    const older = { ...file, gapmap: { ...file.gapmap, areas: undefined } };
    const olderRead = readWorkspaceFile(JSON.stringify(older), 'old.geojson');
    expect(olderRead.ok && olderRead.areas).toBeNull();

    const damaged = { ...file, gapmap: { ...file.gapmap, areas: [{ ...areas[0]!, definition: { kind: 'shapes', polygons: [[['x', 53.4]]] } }] } };
    expect(readWorkspaceFile(JSON.stringify(damaged), 'damaged.geojson')).toEqual({
      ok: false,
      message:
        'damaged.geojson: target area 1 ("Old Trafford"): definition.polygons is [[["x",53.4]]], which is not a list of polygons of rings of [longitude, latitude] pairs. The file is damaged, so nothing was opened.',
    });

    // A colour reaches CSS and the map's paint: only #rrggbb is a colour here.
    const hostile = { ...file, gapmap: { ...file.gapmap, areas: [areas[0]!, { ...areas[1]!, colour: 'url(http://example.invalid/x)' }] } };
    expect(readWorkspaceFile(JSON.stringify(hostile), 'hostile.geojson')).toEqual({
      ok: false,
      message:
        'hostile.geojson: target area 2 ("Priority LSOAs"): colour is "url(http://example.invalid/x)", which is not a colour (#rrggbb). The file is damaged, so nothing was opened.',
    });
    const datasetColour = { ...file, gapmap: { ...file.gapmap, datasets: file.gapmap.datasets.map((d, k) => (k === 0 ? { ...d, colour: 42 } : d)) } };
    const refused = readWorkspaceFile(JSON.stringify(datasetColour), 'hostile.geojson');
    expect(refused.ok ? '' : refused.message).toMatch(/^hostile\.geojson: dataset 1 \(".+"\): colour is 42, which is not a colour \(#rrggbb\)/);
  });

  it('is GeoJSON a GIS tool can draw: one feature per scheme, routes as lines, named areas without a shape', () => {
    const file = workspaceFile(datasets, '2026-11-26T03:10:00.000Z');
    expect(file.type).toBe('FeatureCollection');
    expect(file.features).toHaveLength(407 + 555);
    expect(file.features[0]!.geometry?.type).toBe('MultiLineString');
    expect(file.features[407]!.geometry).toBeNull();
    expect(file.features[407]!.properties).toMatchObject({ dataset: 'd2', kind: 'grant' });
  });

  it('takes counts and keys from the schemes, whatever an edited file says of them', () => {
    const file = workspaceFile(datasets, '2026-11-26T03:10:00.000Z');
    // Someone removed a route in a GIS tool, and the counts and key in the `gapmap` member went stale.
    const removed = file.features.findIndex((f) => f.properties.dataset === 'd1');
    file.features.splice(removed, 1);
    file.gapmap.datasets[0] = { ...file.gapmap.datasets[0]!, hash: 'stale', stats: schemeStats([]) };
    const read = readWorkspaceFile(JSON.stringify(file), 'edited.geojson');
    if (!read.ok) throw new Error(read.message);
    const routes = datasets[0]!.schemes.filter((_, k) => k !== removed);
    expect(read.datasets[0]!.schemes).toEqual(routes);
    expect(read.datasets[0]!.stats).toEqual(schemeStats(routes));
    expect(read.datasets[0]!.stats.count).toBe(datasets[0]!.stats.count - 1);
    expect(read.datasets[0]!.hash).toBe(hashSchemes(routes));
    expect(read.datasets[1]).toEqual(datasets[1]);
  });

  it('refuses a file whose members have the wrong types, naming the member and its value, before anything is kept', () => {
    const file = workspaceFile(datasets, '2026-11-26T03:10:00.000Z');
    const refusal = (edited: unknown) => {
      const read = readWorkspaceFile(JSON.stringify(edited), 'edited.geojson');
      return read.ok ? 'opened' : read.message;
    };
    const problemsText = { ...file, gapmap: { ...file.gapmap, datasets: [file.gapmap.datasets[0]!, { ...file.gapmap.datasets[1]!, problems: 'oops' }] } };
    expect(refusal(problemsText)).toBe(
      'edited.geojson: dataset 2 ("grants.csv"): problems is "oops", expected a list. The file is damaged, so nothing was opened.',
    );
    // A route's shape that is a number, and a scheme with no name.
    const features = structuredClone(file.features);
    (features[0]!.properties.gapmap_scheme.footprint as unknown as { lines: unknown }).lines = 7;
    expect(refusal({ ...file, features })).toMatch(/^edited\.geojson: feature 1 \(".+"\): gapmap_scheme: footprint\.lines is 7, which is not a list of lines/);
    const unnamed = structuredClone(file.features);
    delete (unnamed[2]!.properties.gapmap_scheme as Partial<Scheme>).name;
    expect(refusal({ ...file, features: unnamed })).toBe(
      'edited.geojson: feature 3: gapmap_scheme: name is missing. The file is damaged, so nothing was opened.',
    );
    const amount = structuredClone(file.features);
    amount[500]!.properties.gapmap_scheme.amountGbp = '£5' as unknown as number;
    expect(refusal({ ...file, features: amount })).toMatch(/feature 501 \(".+"\): gapmap_scheme: amountGbp is "£5", expected a number\./);
    expect(refusal({ ...file, gapmap: { ...file.gapmap, themes: ['Health', 3] } })).toBe(
      'edited.geojson: the list of themes: [1] is 3, expected text. The file is damaged, so nothing was opened.',
    );
  });

  it('refuses files it cannot read, saying what they are', () => {
    expect(readWorkspaceFile('{"type":"FeatureCollection","features":[]}', 'routes.geojson')).toEqual({
      ok: false,
      message: 'routes.geojson is not a GapMap workspace file (it has no "gapmap" member). To add schemes from it, use "Add schemes from files".',
    });
    const newer = { type: 'FeatureCollection', gapmap: { workspace: WORKSPACE_FILE_VERSION + 1, datasets: [] }, features: [] };
    expect(readWorkspaceFile(JSON.stringify(newer), 'new.geojson')).toEqual({
      ok: false,
      message: `new.geojson was saved by a newer GapMap (workspace version ${WORKSPACE_FILE_VERSION + 1}); this one reads version ${WORKSPACE_FILE_VERSION}. Update GapMap and open it again.`,
    });
    const damaged = workspaceFile(datasets.slice(0, 1), '2026-11-26T03:10:00.000Z');
    damaged.features[3]!.properties.dataset = 'd9';
    expect(readWorkspaceFile(JSON.stringify(damaged), 'damaged.geojson')).toEqual({
      ok: false,
      message: "damaged.geojson: feature 4 is not a scheme of one of the workspace's datasets. The file is damaged, so nothing was opened.",
    });
    expect(readWorkspaceFile('not json', 'x.geojson').ok).toBe(false);
  });
});

describe('a workspace file given as schemes', () => {
  it('is refused with where to open it instead', async () => {
    const text = JSON.stringify(workspaceFile(datasets.slice(0, 1), '2026-11-26T03:10:00.000Z'));
    const read = await importSchemesFile(new TextEncoder().encode(text), 'workspace.geojson', { areas: { lsoasOf: () => undefined }, defaultKind: 'grant' });
    expect(read).toEqual({
      ok: false,
      message: 'workspace.geojson is a GapMap workspace file: open it with "Open a workspace file" to bring back its datasets.',
    });
  });
});
