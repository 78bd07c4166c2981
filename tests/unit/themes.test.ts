// Themes: the Levelling Up missions built in, a council's own list read from text, and both
// going with the workspace file.

import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../src/core/scheme';
import { LEVELLING_UP_MISSIONS, parseThemeList, themeChoices } from '../../src/core/themes';
import { schemeStats } from '../../src/data/dataset';
import { readWorkspaceFile, workspaceFile } from '../../src/data/workspace-file';

describe('themes', () => {
  it('has the twelve missions of the White Paper, numbered', () => {
    expect(LEVELLING_UP_MISSIONS).toHaveLength(12);
    LEVELLING_UP_MISSIONS.forEach((mission, k) => expect(mission.startsWith(`Mission ${k + 1}: `)).toBe(true));
  });

  it('reads a council’s list one a line: trimmed, blanks and repeats dropped', () => {
    expect(parseThemeList('  Warm spaces \n\nFood security\r\nWarm spaces\n')).toEqual(['Warm spaces', 'Food security']);
    expect(parseThemeList('x'.repeat(150))[0]).toHaveLength(100);
  });

  it('offers the missions first, then the council’s own (none twice)', () => {
    const choices = themeChoices(['Warm spaces', 'Mission 7: Health']);
    expect(choices.slice(0, 12)).toEqual([...LEVELLING_UP_MISSIONS]);
    expect(choices.slice(12)).toEqual(['Warm spaces']);
  });

  it('goes with the workspace file and comes back', () => {
    const scheme: Scheme = {
      id: 's1',
      name: 'Hub',
      kind: 'community',
      theme: 'Warm spaces',
      footprint: { type: 'point', point: [-2.35, 53.42], radiusM: 400 },
    };
    const dataset = {
      id: 'd1',
      name: 'Drawn on the map',
      format: 'drawn' as const,
      colour: '#d4351c',
      visible: true,
      problems: [],
      hash: 'h',
      importedAt: '2026-11-26T06:00:00.000Z',
      locatedBy: [],
      stats: schemeStats([scheme]),
      schemes: [scheme],
    };
    const file = workspaceFile([dataset], '2026-11-26T06:00:00.000Z', ['Warm spaces', 'Food security']);
    const read = readWorkspaceFile(JSON.stringify(file), 'w.geojson');
    expect(read.ok && read.themes).toEqual(['Warm spaces', 'Food security']);
    expect(read.ok && read.datasets[0]!.stats.themes).toEqual([['Warm spaces', 1]]);
    // A file without a list (older GapMap) reads with none.
    const older = workspaceFile([dataset], '2026-11-26T06:00:00.000Z');
    expect('themes' in older.gapmap).toBe(false);
    const readOlder = readWorkspaceFile(JSON.stringify(older), 'w.geojson');
    expect(readOlder.ok && readOlder.themes).toEqual([]);
  });
});
