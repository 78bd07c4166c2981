// Joins the validated inputs into the two tables the app reads: attributes (small, loaded at
// start) and details (names, ranks, scores; loaded when needed). Pure: plain data in and out.

import { INDICATOR_KEYS, type IndicatorKey } from '../core/indicators';
import type { IodRow } from './parse-iod';
import type { CountyRow, MsoaRow, RegionRow, WardRow } from './parse-lookups';
import type { AreaRef, AttributesFile, DetailsFile, LadRef, ScoresFile } from './schema';
import { encodeBbox, encodeDecile } from './schema';

type Bounds = [number, number, number, number];

export interface TableInputs {
  /** IoD rows (IMD + domains), already merged with the supplementary indices by code. */
  iod: Map<string, IodRow>;
  population: Map<string, number>;
  populationSource: string;
  wards: Map<string, WardRow>;
  msoas: Map<string, MsoaRow>;
  counties: Map<string, CountyRow>;
  /** LAD code → region. */
  regions: Map<string, RegionRow>;
  /** Per LSOA bounding box [w, s, e, n]. */
  bbox: Map<string, Bounds>;
  indicators: IndicatorKey[];
}

const round5 = (value: number) => Math.round(value * 1e5) / 1e5;

function unionBounds(target: Bounds | undefined, add: Bounds): Bounds {
  if (!target) return [...add];
  return [Math.min(target[0], add[0]), Math.min(target[1], add[1]), Math.max(target[2], add[2]), Math.max(target[3], add[3])];
}

/** Assigns each distinct code a stable index, in order of first appearance after sorting by code. */
class AreaIndex<T extends AreaRef> {
  readonly items: T[] = [];
  private readonly byCode = new Map<string, number>();

  indexOf(code: string, make: () => T): number {
    const existing = this.byCode.get(code);
    if (existing !== undefined) return existing;
    this.items.push(make());
    this.byCode.set(code, this.items.length - 1);
    return this.items.length - 1;
  }
}

export function buildTables(input: TableInputs): { attributes: AttributesFile; details: DetailsFile; scores: ScoresFile } {
  const codes = [...input.iod.keys()].sort();
  const regions = new AreaIndex<AreaRef & { bounds: Bounds }>();
  const counties = new AreaIndex<AreaRef & { bounds: Bounds }>();
  const lads = new AreaIndex<LadRef>();
  const wards = new AreaIndex<AreaRef>();
  const msoas = new AreaIndex<AreaRef & { hclName: string }>();

  const population: number[] = [];
  const ladIndex: number[] = [];
  const wardIndex: number[] = [];
  const msoaIndex: number[] = [];
  const names: string[] = [];
  const bbox: number[] = [];
  const decileChars = new Map<IndicatorKey, string[]>(input.indicators.map((k) => [k, []]));
  const ranks = new Map<IndicatorKey, number[]>(input.indicators.map((k) => [k, []]));
  const scores = new Map<IndicatorKey, number[]>();

  for (const code of codes) {
    const iod = input.iod.get(code);
    const ward = input.wards.get(code);
    const msoa = input.msoas.get(code);
    const box = input.bbox.get(code);
    const people = input.population.get(code);
    if (!iod || !ward || !msoa || !box || people === undefined) {
      // The data step checks every join is 100% before calling this; reaching here is a bug.
      throw new Error(`buildTables: ${code} is missing from a joined input`);
    }
    const county = input.counties.get(ward.ladCode);
    const region = input.regions.get(ward.ladCode);
    if (!county || !region) throw new Error(`buildTables: LAD ${ward.ladCode} has no county or region`);

    const regionIdx = regions.indexOf(region.regionCode, () => ({ code: region.regionCode, name: region.regionName, bounds: [...box] }));
    const countyIdx = counties.indexOf(county.countyCode, () => ({ code: county.countyCode, name: county.countyName, bounds: [...box] }));
    const ladIdx = lads.indexOf(ward.ladCode, () => ({
      code: ward.ladCode,
      name: ward.ladName,
      county: countyIdx,
      region: regionIdx,
      bounds: [...box],
    }));
    const regionRef = regions.items[regionIdx]!;
    regionRef.bounds = unionBounds(regionRef.bounds, box);
    const countyRef = counties.items[countyIdx]!;
    countyRef.bounds = unionBounds(countyRef.bounds, box);
    const lad = lads.items[ladIdx]!;
    lad.bounds = unionBounds(lad.bounds, box);

    population.push(people);
    ladIndex.push(ladIdx);
    wardIndex.push(wards.indexOf(ward.wardCode, () => ({ code: ward.wardCode, name: ward.wardName })));
    msoaIndex.push(msoas.indexOf(msoa.msoaCode, () => ({ code: msoa.msoaCode, name: msoa.msoaName, hclName: msoa.msoaHclName })));
    names.push(iod.name ?? ward.lsoaName);
    bbox.push(...encodeBbox(box));

    for (const key of input.indicators) {
      const values = iod.values[key];
      if (!values) throw new Error(`buildTables: ${code} has no ${key} values`);
      decileChars.get(key)!.push(encodeDecile(values.decile));
      ranks.get(key)!.push(values.rank);
      if (values.score !== undefined) {
        const column = scores.get(key) ?? [];
        scores.set(key, column);
        column.push(values.score);
      }
    }
  }

  const deciles: AttributesFile['deciles'] = {};
  const rankColumns: DetailsFile['ranks'] = {};
  const scoreColumns: ScoresFile['scores'] = {};
  for (const key of INDICATOR_KEYS) {
    const chars = decileChars.get(key);
    if (chars) deciles[key] = chars.join('');
    const rankColumn = ranks.get(key);
    if (rankColumn) rankColumns[key] = rankColumn;
    const scoreColumn = scores.get(key);
    // A score column is kept only when every LSOA has one.
    if (scoreColumn && scoreColumn.length === codes.length) scoreColumns[key] = scoreColumn;
  }

  const roundBounds = <T extends { bounds: Bounds }>(item: T): T => ({ ...item, bounds: item.bounds.map(round5) as Bounds });
  return {
    attributes: {
      version: 1,
      count: codes.length,
      codes,
      population,
      populationSource: input.populationSource,
      lad: ladIndex,
      deciles,
      lads: lads.items.map(roundBounds),
      counties: counties.items.map(roundBounds),
      regions: regions.items.map(roundBounds),
    },
    details: {
      version: 1,
      count: codes.length,
      names,
      ward: wardIndex,
      msoa: msoaIndex,
      wards: wards.items,
      msoas: msoas.items,
      ranks: rankColumns,
      bbox,
    },
    scores: { version: 1, count: codes.length, scores: scoreColumns },
  };
}
