// Turns the data files into search entries. Split from the store so it can be tested alone.

import { areaKindLabel } from '../core/scope';
import type { SearchEntry } from '../core/search';
import type { AttributesFile, DetailsFile } from '../data/schema';

/**
 * Regions, counties, districts and LSOA codes from the attributes file; with the details file
 * also LSOA names, wards and MSOAs (by ONS name and House of Commons Library name).
 */
export function buildSearchEntries(attributes: AttributesFile, details: DetailsFile | null): SearchEntry[] {
  const entries: SearchEntry[] = [];
  const add = (entry: SearchEntry) => entries.push(entry);
  const ladName = (lad: number | undefined) => attributes.lads[lad ?? -1]?.name ?? 'England';

  attributes.regions.forEach((region, index) => {
    add({ kind: 'region', index, label: region.name, detail: 'Region', fuzzy: true });
    add({ kind: 'region', index, label: region.code, detail: `${region.name} · Region`, fuzzy: false });
  });
  const ladCodes = new Set(attributes.lads.map((lad) => lad.code));
  attributes.counties.forEach((county, index) => {
    // A unitary authority is its own upper tier; it is found as a district instead.
    if (ladCodes.has(county.code)) return;
    const detail = areaKindLabel(county.code);
    add({ kind: 'county', index, label: county.name, detail, fuzzy: true });
    add({ kind: 'county', index, label: county.code, detail: `${county.name} · ${detail}`, fuzzy: false });
  });
  attributes.lads.forEach((lad, index) => {
    const detail = `${areaKindLabel(lad.code)} in ${attributes.regions[lad.region]?.name ?? 'England'}`;
    add({ kind: 'lad', index, label: lad.name, detail, fuzzy: true });
    add({ kind: 'lad', index, label: lad.code, detail: `${lad.name} · ${areaKindLabel(lad.code)}`, fuzzy: false });
  });

  if (!details) {
    attributes.codes.forEach((code, index) => {
      add({ kind: 'lsoa', index, label: code, detail: `LSOA in ${ladName(attributes.lad[index])}`, fuzzy: false });
    });
    return entries;
  }

  // Wards and MSOAs nest in districts, so any one of their LSOAs names the district.
  const wardLad = new Map<number, number>();
  const msoaLad = new Map<number, number>();
  details.ward.forEach((ward, lsoa) => wardLad.set(ward, attributes.lad[lsoa] ?? -1));
  details.msoa.forEach((msoa, lsoa) => msoaLad.set(msoa, attributes.lad[lsoa] ?? -1));

  details.wards.forEach((ward, index) => {
    const detail = `Ward in ${ladName(wardLad.get(index))}`;
    add({ kind: 'ward', index, label: ward.name, detail, fuzzy: true });
    add({ kind: 'ward', index, label: ward.code, detail: `${ward.name} · ${detail}`, fuzzy: false });
  });
  details.msoas.forEach((msoa, index) => {
    const lad = ladName(msoaLad.get(index));
    add({ kind: 'msoa', index, label: msoa.hclName, detail: `MSOA ${msoa.name} in ${lad}`, fuzzy: true });
    if (msoa.name !== msoa.hclName) {
      add({ kind: 'msoa', index, label: msoa.name, detail: `MSOA “${msoa.hclName}” in ${lad}`, fuzzy: true });
    }
    add({ kind: 'msoa', index, label: msoa.code, detail: `MSOA ${msoa.hclName} in ${lad}`, fuzzy: false });
  });
  attributes.codes.forEach((code, index) => {
    const name = details.names[index] ?? code;
    add({ kind: 'lsoa', index, label: name, detail: `LSOA ${code}`, fuzzy: true });
    add({ kind: 'lsoa', index, label: code, detail: `LSOA ${name}`, fuzzy: false });
  });
  return entries;
}
