// The evidence pack (src/core/report) as `gapmap report` writes it, on the real build: its pages,
// its text holding the headline `gapmap coverage --summary` gives for the same inputs, the
// area-wide wording before any figure, and the map drawn as vector paths.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlineSentence } from '../../src/core/coverage-words';
import { formatCount } from '../../src/core/legend';
import { headlineOfJson, type SummaryJson } from '../../src/data/summary-json';
import { resolveScopeRef } from '../../src/core/scope';
import { NO_FILTER } from '../../src/core/scheme-filter';
import { readSchemesGeoJson } from '../../src/data/read-schemes-geojson';
import { createCoverageApi } from '../../src/worker/coverage-api';
import { SchemeStore } from '../../src/worker/scheme-store';
import { handedOver } from '../../src/worker/transfer';
import { readPdf } from '../pdf-text';
import { builtData, hasBuiltData, projectRoot, sharedRoot, TRAFFORD, trafford } from './built-data';

function gapmap(...args: string[]): Promise<{ status: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/gapmap.ts', ...args], { cwd: projectRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gapmap-pack-'));
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** `coverage --summary` and `report --pdf` on the same inputs, each on its own. */
async function both(name: string, args: string[]) {
  const json = path.join(tmp, `${name}.json`);
  const pdf = path.join(tmp, `${name}.pdf`);
  const [coverage, report] = await Promise.all([
    gapmap('coverage', ...args, '--out', path.join(tmp, `${name}.csv`), '--summary', json),
    gapmap('report', ...args, '--pdf', pdf),
  ]);
  expect(coverage.status, coverage.stderr).toBe(0);
  expect(report.status, report.stderr).toBe(0);
  expect(report.stdout).toBe(''); // no CSV on standard output unless --out asks for it elsewhere
  expect(report.stderr).toContain(`Evidence pack: ${pdf}`);
  return { summary: JSON.parse(fs.readFileSync(json, 'utf8')) as SummaryJson, pdf: readPdf(fs.readFileSync(pdf)) };
}

describe('gapmap report reads the coverage options, and --pdf', () => {
  it('needs --pdf, and coverage refuses it', async () => {
    const report = await gapmap('report', trafford.routes, '--scope', TRAFFORD);
    expect(report.status).toBe(2);
    expect(report.stderr).toContain('Give the file to write: gapmap report <schemes> --scope CODE --pdf OUT.pdf.');
    const coverage = await gapmap('coverage', trafford.routes, '--pdf', path.join(tmp, 'x.pdf'));
    expect(coverage.status).toBe(2);
    expect(coverage.stderr).toContain('--pdf is for the report command');
    const wrong = await gapmap('report', trafford.routes, '--pdf', path.join(tmp, 'x.pdf'), '--gap-decile', '11');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("--gap-decile '11' must be a whole number from 1 to 10.");
  });
});

describe.skipIf(!hasBuiltData)('gapmap report: the evidence pack on the real Trafford data', () => {
  it('the bus routes, scope Trafford: six pages, the map in vector paths, the headline of coverage --summary', async () => {
    const { summary, pdf } = await both('routes', [trafford.routes, '--scope', TRAFFORD]);
    expect(pdf.pageCount).toBe(6);
    expect(pdf.pages).toHaveLength(6);
    const [title, map, headline] = pdf.pages;
    expect(title!.strings.slice(0, 2)).toEqual(['Trafford', 'Evidence pack']);
    // Trafford's 139 LSOAs at street level: thousands of vertices, one even-odd fill per decile.
    expect(map!.paths.lineTo).toBeGreaterThan(5000);
    expect(map!.paths.fills).toBe(10);
    const sentence = headlineSentence(headlineOfJson(summary.headline), { name: 'Trafford', isEngland: false });
    expect(sentence).toBe('In Trafford, 0 people in the most deprived 20% of England live in LSOAs no scheme reaches (0% of them).');
    expect(headline!.strings.join(' ')).toContain(sentence);
    // The decile table: every decile's LSOAs and people as the summary has them.
    for (const row of summary.deciles) expect(headline!.strings.join(' ')).toContain(`${row.decile} ${formatCount(row.lsoas)} ${formatCount(row.people)}`);
    expect(pdf.text).toContain(`${formatCount(summary.schemes.usable)} of ${formatCount(summary.schemes.read)} schemes read could be used`);
    expect(pdf.text).toContain('Open Government Licence v3.0');
  });

  it('the council grants recorded only for Trafford: said before any figure, then the headline of coverage --summary', async () => {
    const grants = path.join(sharedRoot, 'grants', 'trafford_council_voluntary_sector_grants_360giving.csv');
    const { summary, pdf } = await both('grants', [grants, '--scope', TRAFFORD]);
    expect(pdf.pageCount).toBe(6);
    const note = '555 grants, £1,291,437, recorded only for Trafford as a whole: they cannot show which neighbourhoods they reach';
    // On the title page, before any number, and again above the headline.
    expect(pdf.pages[0]!.strings.join(' ')).toContain(note);
    const page = pdf.pages[2]!.strings.join(' ');
    const sentence = headlineSentence(headlineOfJson(summary.headline), { name: 'Trafford', isEngland: false }, { areaWideApart: true });
    expect(sentence).toBe('In Trafford, 18,345 people in the most deprived 20% of England live in LSOAs no located scheme reaches (100% of them).');
    expect(page.indexOf(note)).toBeGreaterThanOrEqual(0);
    expect(page.indexOf(note)).toBeLessThan(page.indexOf(sentence));
    // The gaps page lists them with their names and distances ("none": no scheme is counted).
    expect(summary.gaps.length).toBe(11);
    const gaps = pdf.pages[4]!.strings.join(' ');
    expect(gaps).toContain('11 gap LSOAs in deciles 1–2 (18,345 people)');
    for (const gap of summary.gaps) expect(gaps).toContain(gap.lsoa21cd);
  });
});

describe.skipIf(!hasBuiltData)('the worker’s evidence pack (the app’s button)', () => {
  it('is the CLI’s pack for the same run and view, its bytes handed over to the page', async () => {
    const data = await builtData();
    const store = new SchemeStore();
    const api = createCoverageApi(async () => ({ ok: true, data }), { store });
    const read = readSchemesGeoJson(fs.readFileSync(trafford.routes, 'utf8'));
    if (!read.ok) throw new Error('the routes should read');
    const { hash } = await store.add(read.schemes);
    const view = {
      scope: resolveScopeRef(data.attributes, { kind: 'lad', code: TRAFFORD })!,
      indicator: 'imd' as const,
      gapDecile: 2,
      gaps: 'underserved' as const,
      area: null,
    };
    const outcome = await api.run(
      { id: 1, schemesHash: hash, datasets: [hash], filter: NO_FILTER, proposedDatasets: [], rule: { kind: 'intersects' }, areaWide: 'separate', view },
      () => undefined,
    );
    if (outcome.kind !== 'done') throw new Error('the run should finish');
    const request = {
      key: outcome.run.key,
      view,
      place: 'Trafford',
      isEngland: false,
      date: new Date().toISOString().slice(0, 10),
      populationSource: data.manifest.populationSource,
      dataBuiltAt: data.manifest.builtAt,
    };
    const pack = await api.evidencePack(request);
    if (pack.kind !== 'done') throw new Error('the pack should be made');
    expect(handedOver(pack)).toEqual([pack.bytes.buffer]);
    const app = readPdf(pack.bytes);
    const file = path.join(tmp, 'underserved.pdf');
    const cli = await gapmap('report', trafford.routes, '--scope', TRAFFORD, '--gaps', 'underserved', '--pdf', file);
    expect(cli.status, cli.stderr).toBe(0);
    const fromCli = readPdf(fs.readFileSync(file));
    expect(app.pageCount).toBe(6);
    // Every word and figure the same, the gaps' distances included (measured for the pack).
    expect(app.text).toBe(fromCli.text);
    expect(app.text).toContain(
      'In Trafford, 3 of the 11 LSOAs in the most deprived 20% of England are the least served: reached by at most 39 schemes (5,139 people, 28% of them).',
    );
    expect(await api.evidencePack({ ...request, key: 'no such run' })).toEqual({ kind: 'missing' });
  });
});

describe('text the standard font cannot encode', () => {
  it('is said in characters it can (accents kept where WinAnsi has them), never a crash', async () => {
    const { PdfKit } = await import('../../src/core/report/pdf-kit');
    const kit = await PdfKit.create();
    expect(kit.clean('Ynys Môn – £1,200 — “St Helen’s”')).toBe('Ynys Môn – £1,200 — “St Helen’s”');
    expect(kit.clean('reached by ≤ 3 schemes → 2 km')).toBe('reached by <= 3 schemes -> 2 km');
    expect(kit.clean('Łódź Ŵ')).toBe('?ódz W');
    expect(kit.clean('日本')).toBe('??');
    expect(() => kit.paragraph('Łódź 日本 ≤ 3')).not.toThrow();
  });
});
