// `gapmap coverage <schemes>`: the coverage pipeline (src/core/coverage-pipeline.ts, the app's
// worker runs the same) in Node on the built data. Reads the schemes, computes which LSOAs each
// reaches, allocates amounts by population, and writes the per-LSOA CSV and (with --summary) the
// scope's summary JSON. Problems go to stderr; the run goes on without the schemes that cannot be
// used.

import { formatRule } from '../../src/core/coverage-rule';
import fs from 'node:fs';
import path from 'node:path';
import type { CoverageSummary } from '../../src/core/coverage-summary-types';
import { areaKindOfCode } from '../../src/core/area-code-kind';
import { computeCoverageRun, summarizeRun } from '../../src/core/coverage-pipeline';
import { nearestFootprintKm } from '../../src/core/nearest';
import type { Scheme } from '../../src/core/scheme';
import { areaNameOfCode, ENGLAND, resolveScopeRef, scopeName, type Scope } from '../../src/core/scope';
import { lsoasInScope } from '../../src/core/scope-lsoas';
import { lsoasOfArea } from '../../src/core/area-lsoas';
import { buildAreaResolver } from '../../src/data/area-resolver';
import { coverageCsv } from '../../src/data/coverage-csv';
import { formatImportProblem, importSchemesFile, type ImportContext } from '../../src/data/import/import-file';
import type { ImportProblem } from '../../src/data/import/import-problem';
import { withUniqueIds } from '../../src/data/unique-scheme-ids';
import { decodeDeciles } from '../../src/data/schema';
import { ENGLAND_CODE, summaryJson, type SummaryProblem } from '../../src/data/summary-json';
import type { CoverageOptions } from './coverage-args';
import { readBuiltData } from './read-built-data';
import { writeEvidencePack } from './report-pdf';

/** A failure the user can fix; the message says how. */
export class UsageError extends Error {}

type Say = (line: string) => void;

async function readSchemes(file: string, context: ImportContext, say: Say) {
  if (!fs.existsSync(file)) throw new UsageError(`The schemes file ${file} does not exist.`);
  const read = await importSchemesFile(fs.readFileSync(file), path.basename(file), context);
  if (!read.ok) throw new UsageError(read.message);
  for (const problem of read.problems) say(`${problem.severity === 'error' ? 'Skipped' : 'Note'}: ${formatImportProblem(problem)}`);
  if (read.table) {
    const placed = [...read.table.locatedBy].map(([how, count]) => `${count.toLocaleString('en-GB')} by ${how}`).join('; ');
    say(
      `${file}: ${read.format}, ${read.table.rows.toLocaleString('en-GB')} rows → ${read.schemes.length.toLocaleString('en-GB')} schemes${placed ? ` (${placed})` : ''}.`,
    );
  }
  if (read.schemes.length === 0) throw new UsageError(`${file} holds no usable schemes (see above).`);
  return read;
}

function resolveScope(code: string | undefined, h: Parameters<typeof scopeName>[0]): { scope: Scope; code: string } {
  if (code === undefined) return { scope: ENGLAND, code: ENGLAND_CODE };
  const kind = areaKindOfCode(code);
  const scopeKind = kind === 'region' || kind === 'county' || kind === 'lad' ? kind : undefined;
  const scope = scopeKind ? resolveScopeRef(h, { kind: scopeKind, code }) : null;
  if (!scope) {
    throw new UsageError(
      `Unknown scope code '${code}': give a region (E12…), county (E10…) or district/unitary (E06/E07/E08/E09…) code of the built data, or leave --scope out for England.`,
    );
  }
  return { scope, code };
}

/** Progress lines on stderr, at most one a second, only once a run has taken a second. */
function progressReporter(say: Say, what: string): (done: number) => void {
  const started = Date.now();
  let last = started;
  return (done) => {
    const now = Date.now();
    if (now - last < 1000 || done >= 1) return;
    last = now;
    say(`${what}: ${Math.round(done * 100)}% (${((now - started) / 1000).toFixed(0)} s)`);
  };
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Reads every schemes file, ids made unique across them (as the app does across datasets). */
async function readAllSchemes(files: readonly string[], context: ImportContext, say: Say) {
  const schemes: Scheme[] = [];
  const problems: ImportProblem[] = [];
  for (const file of files) {
    const read = await readSchemes(file, context, say);
    const unique = withUniqueIds(read.schemes, schemes, path.basename(file));
    for (const note of unique.notes) say(`Note: ${formatImportProblem(note)}`);
    schemes.push(...unique.schemes);
    problems.push(...read.problems, ...unique.notes);
  }
  return { schemes, problems };
}

/** "555 grants, £1.29m" for a line of area-wide schemes. */
function areaWideLine(areaWide: NonNullable<CoverageSummary['areaWide']>, name: (code: string) => string): string {
  const areas = areaWide.areas.filter((area) => area.inScope);
  const list = areas
    .slice(0, 3)
    .map((area) => `${area.count.toLocaleString('en-GB')} for ${area.codes.map(name).join(', ')}`)
    .join('; ');
  const more = areas.length > 3 ? `; ${areas.length - 3} more areas` : '';
  const money = areaWide.inScope.amountGbp > 0 ? `, £${Math.round(areaWide.inScope.amountGbp).toLocaleString('en-GB')}` : '';
  return areaWide.mode === 'count'
    ? `Assumption (--area-wide count): ${areaWide.inScope.count.toLocaleString('en-GB')} area-wide schemes${money} are counted as reaching every LSOA of their area (${list}${more}).`
    : `${areaWide.inScope.count.toLocaleString('en-GB')} schemes${money} are recorded only for a whole area (${list}${more}): they cannot show which neighbourhoods they reach, so they are not counted as reaching any LSOA (--area-wide count to count them).`;
}

export async function runCoverage(options: CoverageOptions, say: Say, stdout: (text: string) => void): Promise<void> {
  for (const file of options.schemesFiles) if (!fs.existsSync(file)) throw new UsageError(`The schemes file ${file} does not exist.`);
  const built = await readBuiltData(options.data);
  if (!built.ok) throw new UsageError(built.message);
  const { attributes, details, geometry, lookups, manifest, postcodes } = built.data;
  const areas = buildAreaResolver(attributes, details, lookups);
  const read = await readAllSchemes(options.schemesFiles, { areas, ...(postcodes ? { postcodes } : {}), defaultKind: 'grant' }, say);
  if (!manifest.indicators.includes(options.indicator) || !details.ranks[options.indicator] || !attributes.deciles[options.indicator]) {
    throw new UsageError(`The built data has no '${options.indicator}' indicator; it has ${manifest.indicators.join(', ')}.`);
  }
  const resolved = resolveScope(options.scope, attributes);
  const scope = resolved.scope;
  let scopeCode = resolved.code;
  let placeName = scopeName(attributes, scope);
  /** A target area's LSOAs, when the scope is an area file. */
  let areaLsoas: number[] | null = null;
  if (options.scopeFile) {
    const area = await readSchemes(options.scopeFile, { areas, ...(postcodes ? { postcodes } : {}), defaultKind: 'other' }, say);
    const found = lsoasOfArea(geometry, area.schemes, options.rule, areas);
    for (const problem of found.problems) say(`Not used in the area: '${problem.id}': ${problem.reason}`);
    if (found.lsoas.length === 0) throw new UsageError(`${options.scopeFile} covers no LSOA in England under the rule ${formatRule(options.rule)}.`);
    areaLsoas = found.lsoas;
    scopeCode = 'area';
    placeName = path.basename(options.scopeFile).replace(/\.[^.]+$/, '');
    say(`${options.scopeFile}: ${found.lsoas.length.toLocaleString('en-GB')} LSOAs in the area (rule ${formatRule(options.rule)}).`);
  }
  const schemes = read.schemes;
  if (!lookups && schemes.some((s) => s.footprint.type === 'areas' && s.footprint.areas.some((a) => a.kind === 'lsoa11'))) {
    say(
      'Note: some schemes list LSOA 2011 codes, but this build has no LSOA 2011 lookup; rebuild with `npm run data` from a source that has lookups/lsoa11_lsoa21_lad22_england.csv.',
    );
  }

  const started = Date.now();
  // The app's worker runs the same pipeline (src/core/coverage-pipeline.ts), so the figures agree.
  const computed = await computeCoverageRun(
    { lsoas: geometry, areas, population: attributes.population, schemes, rule: options.rule, areaWide: options.areaWide },
    { onProgress: progressReporter(say, 'coverage') },
  );
  if (!computed) throw new Error('The coverage run was cancelled, though nothing here cancels it.');
  const { coverage, figures, totals } = computed;
  for (const problem of coverage.problems) say(`Not used: scheme '${problem.id}': ${problem.reason}`);
  const lsoas = areaLsoas ?? lsoasInScope(attributes, attributes.lad, scope);
  const csv = coverageCsv(
    attributes.codes,
    coverage,
    schemes,
    figures.current.amountGbp,
    scope.kind === 'england' && !areaLsoas ? undefined : lsoas,
    figures.counted,
  );
  const reached = csv.split('\n').length - 2;
  if (options.out) write(options.out, csv);
  else if (!options.pdf) stdout(csv);

  const nameOf = (code: string) => areaNameOfCode(attributes, code);
  const deciles = decodeDeciles(attributes.deciles[options.indicator]!);
  const summary = summarizeRun(
    figures,
    {
      scope: lsoas,
      population: attributes.population,
      deciles,
      ranks: details.ranks[options.indicator]!,
    },
    {
      gapDecile: options.gapDecile,
      definition: options.gaps,
      nearestKm: (list) => {
        if (!options.summary && !options.pdf) return new Float64Array(list.length).fill(NaN);
        if (list.length > 500) say(`${list.length.toLocaleString('en-GB')} gap LSOAs: measuring the distance to the nearest scheme…`);
        // Distances are to the schemes counted: an area-wide grant left apart is not "near" anyone.
        return nearestFootprintKm(geometry, list, schemes, figures.counted, areas);
      },
    },
  );
  if (summary.areaWide && summary.areaWide.inScope.count > 0) say(areaWideLine(summary.areaWide, nameOf));
  if (options.summary) {
    const problems: SummaryProblem[] = [
      ...read.problems.map(
        (p): SummaryProblem => ({
          id: p.id ?? (p.row !== undefined ? `row ${p.row}` : `feature ${p.feature ?? '?'}`),
          reason: p.column !== undefined ? `column '${p.column}' ('${p.value ?? ''}'): ${p.message}` : p.message,
          severity: p.severity,
        }),
      ),
      ...coverage.problems.map((p): SummaryProblem => ({ id: p.id, reason: p.reason, severity: 'error' })),
    ];
    const json = summaryJson({
      rule: options.rule,
      scope: { code: scopeCode, name: placeName },
      indicator: options.indicator,
      codes: attributes.codes,
      schemes: { read: totals.read, usable: totals.used, amountGbp: totals.amountGbp, byKind: figures.byKind, byPlacement: figures.byPlacement },
      summary,
      problems,
      areaName: nameOf,
    });
    // An area's summary lists its LSOAs, so it can be checked and reused.
    const withArea = areaLsoas ? { ...json, lsoas: areaLsoas.map((lsoa) => attributes.codes[lsoa]!) } : json;
    write(options.summary, `${JSON.stringify(withArea, null, 2)}\n`);
  }
  if (options.pdf) {
    const size = await writeEvidencePack({
      built: built.data,
      file: options.pdf,
      place: placeName,
      isEngland: scope.kind === 'england' && !areaLsoas,
      rule: options.rule,
      indicator: options.indicator,
      deciles,
      lsoas,
      summary,
      schemes,
      counted: figures.counted,
      counts: { read: totals.read, used: totals.used, amountGbp: totals.amountGbp, byKind: figures.byKind, byPlacement: figures.byPlacement },
      areaName: nameOf,
    });
    say(`Evidence pack: ${options.pdf} (${Math.round(size / 1024).toLocaleString('en-GB')} kB).`);
  }
  const h = summary.headline;
  const headline =
    h.definition === 'unreached'
      ? ` ${h.peopleUncovered.toLocaleString('en-GB')} of ${h.people.toLocaleString('en-GB')} people in deciles 1–${h.gapDecile}` +
        ` live in LSOAs no ${summary.areaWide?.mode === 'separate' && summary.areaWide.inScope.count > 0 ? 'located ' : ''}scheme reaches${h.shareUncovered === null ? '' : ` (${(h.shareUncovered * 100).toFixed(1)}%)`}.`
      : h.reachCut === null
        ? ` No LSOA in deciles 1–${h.gapDecile}.`
        : ` Under-served: ${h.gapLsoas.toLocaleString('en-GB')} of ${h.lsoas.toLocaleString('en-GB')} LSOAs in deciles 1–${h.gapDecile} (${h.gapPeople.toLocaleString('en-GB')} people) are reached by at most ${h.reachCut} scheme${h.reachCut === 1 ? '' : 's'}${h.allEqual ? ' (every one of them is reached equally)' : ''}.`;
  say(
    `${totals.read} schemes read, ${totals.used} used; ${reached.toLocaleString('en-GB')} LSOAs reached in ` +
      `${placeName} (rule ${formatRule(options.rule)}, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s).${headline}` +
      `${options.out ? ` CSV: ${options.out}.` : ''}${options.summary ? ` Summary: ${options.summary}.` : ''}`,
  );
}
