// Derived values the map and UI share. Pure functions of the state, memoised where the work
// walks all 33,755 LSOAs.

import type { Dataset } from '../data/dataset';
import { SCHEME_KIND_COLOURS } from '../theme';
import { DOMAIN_KEYS, INDICATORS, type IndicatorKey } from '../core/indicators';
import { tallyDeciles, type DecileTally } from '../core/legend';
import { ladsInScope, scopeName, scopeOptions, type Scope, type ScopeOption } from '../core/scope';
import { decileAt, decodeDeciles, type AttributesFile, type DetailsFile } from '../data/schema';
import { classifyBivariate, classifyPerHead, classifySchemeCounts, type Classified, type LsoaColouring } from '../core/lsoa-colouring';
import type { CoverageRun } from '../contract';
import type { AppState } from './store';
import { lsoasInArea } from './orchestration/navigation';
import type { AreaSelection } from './slices/panel';

let tallyCache: { attributes: AttributesFile; indicator: IndicatorKey; scope: Scope; tally: DecileTally } | null = null;

/** LSOAs and people per decile of the current indicator in the current scope. */
export function selectLegendTally(state: AppState): DecileTally {
  const { attributes, indicator, scope } = state;
  if (tallyCache?.attributes === attributes && tallyCache.indicator === indicator && tallyCache.scope === scope) {
    return tallyCache.tally;
  }
  const column = attributes.deciles[indicator] ?? '';
  const tally = tallyDeciles(
    {
      count: attributes.count,
      decileOf: (lsoa) => decileAt(column, lsoa),
      ladOf: (lsoa) => attributes.lad[lsoa] ?? -1,
      populationOf: (lsoa) => attributes.population[lsoa] ?? 0,
    },
    ladsInScope(attributes, scope),
  );
  tallyCache = { attributes, indicator, scope, tally };
  return tally;
}

let optionsCache: { attributes: AttributesFile; options: ScopeOption[] } | null = null;

export function selectScopeOptions(state: AppState): ScopeOption[] {
  if (optionsCache?.attributes !== state.attributes) {
    optionsCache = { attributes: state.attributes, options: scopeOptions(state.attributes) };
  }
  return optionsCache.options;
}

export function selectScopeName(state: AppState): string {
  return scopeName(state.attributes, state.scope);
}

export interface IndicatorReading {
  key: IndicatorKey;
  label: string;
  decile: number;
  /** Null until the details file has loaded. */
  rank: number | null;
}

export interface LsoaSummary {
  index: number;
  code: string;
  /** Null until the details file has loaded. */
  name: string | null;
  ward: string | null;
  msoa: { name: string; hclName: string } | null;
  lad: string;
  /** Only for districts in a two-tier county; a unitary is its own upper tier. */
  county: string | null;
  region: string;
  population: number;
  populationSource: string;
  imd: IndicatorReading | null;
  domains: IndicatorReading[];
  supplementary: IndicatorReading[];
}

function reading(attributes: AttributesFile, details: DetailsFile | null, key: IndicatorKey, lsoa: number): IndicatorReading | null {
  const column = attributes.deciles[key];
  if (column === undefined) return null;
  return {
    key,
    label: INDICATORS[key].short,
    decile: decileAt(column, lsoa),
    rank: details?.ranks[key]?.[lsoa] ?? null,
  };
}

export function summariseLsoa(state: AppState, lsoa: number): LsoaSummary {
  const { attributes } = state;
  const details = state.details.status === 'ready' ? state.details.details : null;
  const lad = attributes.lads[attributes.lad[lsoa] ?? -1];
  const county = lad ? attributes.counties[lad.county] : undefined;
  const msoa = details?.msoas[details.msoa[lsoa] ?? -1];
  const readings = (keys: readonly IndicatorKey[]) => keys.flatMap((key) => reading(attributes, details, key, lsoa) ?? []);
  return {
    index: lsoa,
    code: attributes.codes[lsoa] ?? '',
    name: details?.names[lsoa] ?? null,
    ward: details?.wards[details.ward[lsoa] ?? -1]?.name ?? null,
    msoa: msoa ? { name: msoa.name, hclName: msoa.hclName } : null,
    lad: lad?.name ?? '',
    county: county && lad && county.code !== lad.code ? county.name : null,
    region: attributes.regions[lad?.region ?? -1]?.name ?? '',
    population: attributes.population[lsoa] ?? 0,
    populationSource: attributes.populationSource,
    imd: reading(attributes, details, 'imd', lsoa),
    domains: readings(DOMAIN_KEYS),
    supplementary: readings(['idaci', 'idaopi']),
  };
}

export interface AreaSummary {
  kind: AreaSelection['kind'];
  code: string;
  name: string;
  /** ONS name of an MSOA ("Trafford 012"); its `name` is the House of Commons Library one. */
  onsName: string | null;
  lad: string;
  lsoas: { index: number; code: string; name: string; decile: number }[];
  population: number;
}

export function summariseArea(state: AppState, area: AreaSelection): AreaSummary | null {
  if (state.details.status !== 'ready') return null;
  const { details } = state.details;
  const { attributes, indicator } = state;
  const ward = area.kind === 'ward' ? details.wards[area.index] : undefined;
  const msoa = area.kind === 'msoa' ? details.msoas[area.index] : undefined;
  const record = ward ?? msoa;
  if (!record) return null;
  const members = lsoasInArea(details, area);
  const column = attributes.deciles[indicator] ?? '';
  return {
    kind: area.kind,
    code: record.code,
    name: msoa ? msoa.hclName : record.name,
    onsName: msoa ? msoa.name : null,
    lad: attributes.lads[attributes.lad[members[0] ?? -1] ?? -1]?.name ?? '',
    lsoas: members.map((index) => ({
      index,
      code: attributes.codes[index] ?? '',
      name: details.names[index] ?? '',
      decile: decileAt(column, index),
    })),
    population: members.reduce((sum, index) => sum + (attributes.population[index] ?? 0), 0),
  };
}

/**
 * LSOAs reached by counted schemes that name areas (area codes rather than a shape), each in the
 * colour of the dataset of the first such scheme reaching it: the map draws these, as area lists
 * have no shape of their own. Empty until a run of the current schemes has finished.
 */
export function selectAreaListLsoas(state: AppState): Map<number, string> {
  const { schemesHash, result } = state.coverage;
  const out = new Map<number, string>();
  if (!result || result.run.schemesHash !== schemesHash) return out;
  const colours = runDatasetColours(state.coverage.datasets, result.run.datasets);
  const { areaDatasets } = result.run;
  for (let lsoa = 0; lsoa < areaDatasets.length; lsoa++) {
    const colour = colours[areaDatasets[lsoa]! - 1];
    if (colour) out.set(lsoa, colour);
  }
  return out;
}

/** The colours of a run's datasets, in the order of their schemes (the map colours each scheme by its dataset: the panel's swatch). */
export function runDatasetColours(datasets: readonly Dataset[], hashes: readonly string[]): string[] {
  return hashes.map((hash) => datasets.find((d) => d.hash === hash)?.colour ?? SCHEME_KIND_COLOURS.other);
}

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** What the map's popup says about the open scheme: name, then one fact a line; whether it can be edited. */
export function schemeCard(state: AppState): { title: string; lines: string[]; editable: boolean } | null {
  const open = state.coverage.openScheme;
  if (!open) return null;
  const { scheme } = open;
  const dataset = state.coverage.datasets.find((d) => d.id === open.datasetId);
  const footprint = scheme.footprint;
  const reach =
    footprint.type === 'point'
      ? footprint.radiusM > 0
        ? `Reaches ${footprint.radiusM.toLocaleString('en-GB')} m around`
        : 'Reaches the LSOA it is in'
      : footprint.type === 'line'
        ? `Reaches ${footprint.bufferM.toLocaleString('en-GB')} m either side`
        : footprint.type === 'polygon'
          ? footprint.bufferM > 0
            ? `Reaches ${footprint.bufferM.toLocaleString('en-GB')} m beyond the area`
            : 'Reaches the area drawn'
          : `Reaches ${footprint.areas.map((a) => a.code).join(', ')}`;
  const lines = [
    `${scheme.kind[0]!.toUpperCase()}${scheme.kind.slice(1)} · ${reach}`,
    ...(scheme.funder ? [`Funder: ${scheme.funder}`] : []),
    ...(scheme.amountGbp !== undefined ? [`Amount: ${POUNDS.format(scheme.amountGbp)}`] : []),
    ...(scheme.start || scheme.end ? [`Dates: ${scheme.start ?? '…'} to ${scheme.end ?? '…'}`] : []),
    ...(scheme.theme ? [`Theme: ${scheme.theme}`] : []),
    ...(scheme.proposed || dataset?.proposed ? ['Proposed, not yet funded'] : []),
    ...(dataset ? [`Dataset: ${dataset.name}`] : []),
  ];
  return { title: scheme.name, lines, editable: dataset !== undefined };
}

export type LsoaColours =
  | { kind: 'schemes'; classified: Classified }
  | { kind: 'per-head'; classified: Classified }
  | { kind: 'bivariate'; classified: Classified; medianGbpPerHead: number };

let colouringCache: { run: CoverageRun; colourBy: LsoaColouring; deciles: string | undefined; proposed: boolean; value: LsoaColours } | null = null;

/**
 * The LSOAs' classes and legend for the colouring chosen, from the run of the schemes shown; null
 * when colouring by deprivation or no such run is held (the map shows deciles meanwhile).
 */
export function selectLsoaColours(state: AppState): LsoaColours | null {
  const { colourBy, result, schemesHash, includeProposed } = state.coverage;
  if (colourBy === 'deprivation' || !result || result.run.schemesHash !== schemesHash) return null;
  const { run } = result;
  const deciles = colourBy === 'bivariate' ? state.attributes.deciles[state.indicator] : undefined;
  const proposed = includeProposed && run.withProposed !== null;
  if (
    colouringCache &&
    colouringCache.run === run &&
    colouringCache.colourBy === colourBy &&
    colouringCache.deciles === deciles &&
    colouringCache.proposed === proposed
  ) {
    return colouringCache.value;
  }
  const population = state.attributes.population;
  // With the proposed schemes when the what-if is on.
  const { count, allocatedGbp } = proposed ? run.withProposed! : run;
  let value: LsoaColours;
  switch (colourBy) {
    case 'schemes':
      value = { kind: 'schemes', classified: classifySchemeCounts(count) };
      break;
    case 'per-head':
      value = { kind: 'per-head', classified: classifyPerHead(allocatedGbp, population) };
      break;
    case 'bivariate': {
      const classified = classifyBivariate(decodeDeciles(deciles ?? ''), allocatedGbp, population);
      value = { kind: 'bivariate', classified, medianGbpPerHead: classified.medianGbpPerHead };
      break;
    }
  }
  colouringCache = { run, colourBy, deciles, proposed, value };
  return value;
}
