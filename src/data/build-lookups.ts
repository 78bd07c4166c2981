// The lookups file of a build: the ONS LSOA 2011 → 2021 links turned into LSOA indices of this
// build. Links to a 2021 code the build does not hold are left out and counted, not fatal: the
// lookup is optional and only serves schemes coded by LSOA 2011.

import type { Lsoa11Row } from './parse-lookups';
import type { LookupsFile } from './schema';

export function buildLookups(rows: readonly Lsoa11Row[], codes: readonly string[]): { lookups: LookupsFile; unmatched: string[] } {
  const indexOf = new Map(codes.map((code, index) => [code, index]));
  const lsoa11: Record<string, number[]> = {};
  const unmatched = new Set<string>();
  for (const row of rows) {
    const index = indexOf.get(row.lsoa21);
    if (index === undefined) {
      unmatched.add(row.lsoa21);
      continue;
    }
    let list = lsoa11[row.lsoa11];
    if (!list) {
      list = [];
      lsoa11[row.lsoa11] = list;
    }
    if (!list.includes(index)) list.push(index);
  }
  for (const list of Object.values(lsoa11)) list.sort((a, b) => a - b);
  return { lookups: { version: 1, lsoa11 }, unmatched: [...unmatched].sort() };
}
