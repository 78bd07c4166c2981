// The evidence pack's time and size (src/core/report), beside the time to summarise the same run
// for the same scope measured in the same run (the step the pack is made from), for the Trafford
// bus routes: scope Trafford (the CLI's example), Greater Manchester's region (North West) and
// England (every LSOA on the map).

import fs from 'node:fs';
import path from 'node:path';
import { computeCoverageRun, summarizeRun } from '../src/core/coverage-pipeline';
import { legendTitle } from '../src/core/legend';
import { nearestFootprintKm } from '../src/core/nearest';
import { evidencePackPdf, schemesByFunder } from '../src/core/report/evidence-pack';
import { areaNameOfCode, ENGLAND, resolveScopeRef, scopeName, type Scope } from '../src/core/scope';
import { lsoasInScope } from '../src/core/scope-lsoas';
import { buildAreaResolver } from '../src/data/area-resolver';
import { readSchemesGeoJson } from '../src/data/read-schemes-geojson';
import { decodeDeciles } from '../src/data/schema';
import { readBuiltData } from '../scripts/cli/read-built-data';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function benchReport(dataDir: string, sharedDir: string, runs = 3): Promise<Record<string, unknown>> {
  const built = await readBuiltData(dataDir);
  if (!built.ok) throw new Error(built.message);
  const { attributes, details, geometry, manifest, lookups } = built.data;
  const areas = buildAreaResolver(attributes, details, lookups);
  const read = readSchemesGeoJson(fs.readFileSync(path.join(sharedDir, 'transport', 'trafford_bus_routes_tfgm_2023.geojson'), 'utf8'));
  if (!read.ok) throw new Error('the routes should read');
  const computed = await computeCoverageRun({
    lsoas: geometry,
    areas,
    population: attributes.population,
    schemes: read.schemes,
    rule: { kind: 'intersects' },
    areaWide: 'separate',
  });
  if (!computed) throw new Error('not cancelled');
  const { figures, totals } = computed;
  const deciles = decodeDeciles(attributes.deciles.imd!);
  const ranks = details.ranks.imd!;
  const scopes: [string, Scope][] = [
    ['trafford', resolveScopeRef(attributes, { kind: 'lad', code: 'E08000009' })!],
    ['northWest', resolveScopeRef(attributes, { kind: 'region', code: 'E12000002' })!],
    ['england', ENGLAND],
  ];
  const out: Record<string, unknown> = {};
  for (const [name, scope] of scopes) {
    const lsoas = lsoasInScope(attributes, attributes.lad, scope);
    const summarise = () =>
      summarizeRun(
        figures,
        { scope: lsoas, population: attributes.population, deciles, ranks },
        { gapDecile: 2, definition: 'underserved', nearestKm: (list) => nearestFootprintKm(geometry, list.slice(0, 30), read.schemes, figures.counted, areas) },
      );
    const summaryMs: number[] = [];
    const pdfMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      const summary = summarise();
      summaryMs.push(performance.now() - start);
      start = performance.now();
      const pdf = await evidencePackPdf({
        place: scopeName(attributes, scope),
        isEngland: scope.kind === 'england',
        date: '2026-12-08',
        indicatorHeading: legendTitle('imd').heading,
        populationSource: manifest.populationSource,
        dataBuiltAt: manifest.builtAt,
        rule: { kind: 'intersects' },
        summary,
        schemes: {
          read: totals.read,
          used: totals.used,
          amountGbp: totals.amountGbp,
          byKind: figures.byKind,
          byPlacement: figures.byPlacement,
          byFunder: schemesByFunder(read.schemes, figures.counted),
        },
        gapNames: (lsoa) => ({
          code: attributes.codes[lsoa] ?? '',
          name: details.names[lsoa] ?? '',
          ward: details.wards[details.ward[lsoa] ?? -1]?.name ?? '',
        }),
        areaName: (code) => areaNameOfCode(attributes, code),
        map: { geometry, lsoas, deciles },
      });
      pdfMs.push(performance.now() - start);
      bytes = pdf.length;
    }
    const summaryTime = median(summaryMs);
    const pdfTime = median(pdfMs);
    out[name] = {
      lsoas: lsoas.length,
      summaryMs: Math.round(summaryTime),
      pdfMs: Math.round(pdfTime),
      pdfKB: Math.round(bytes / 1024),
      pdfToSummary: Number((pdfTime / summaryTime).toFixed(1)),
    };
    console.log(name, out[name]);
  }
  return out;
}
