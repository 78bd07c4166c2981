// The postcode table (gzip CSV: postcode, lsoa21cd, lat, lon) → one JSON shard per outward code
// plus a directory of outward codes (src/data/postcodes.ts reads them). Rows are validated as the
// rest of the inputs are: a missing column or a malformed row names the file, row and value.

import zlib from 'node:zlib';
import Papa from 'papaparse';
import { normalisePostcode, POSTCODE_SCALE, type PostcodeDirectory, type PostcodeShard } from '../../src/data/postcodes';
import type { DataProblem, Result } from '../../src/data/problems';

export interface PostcodeBuild {
  directory: PostcodeDirectory;
  shards: PostcodeShard[];
  /** Rows whose LSOA is not in this build (left out), with the first few codes. */
  unmatched: { count: number; examples: string[] };
}

const SOURCE_NOTE = 'OS Code-Point Open (October 2025, English postcodes)';
const REQUIRED = ['postcode', 'lsoa21cd', 'lat', 'lon'] as const;

export function buildPostcodeShards(gzipped: Buffer, file: string, lsoaCodes: readonly string[]): Result<PostcodeBuild> {
  let text: string;
  try {
    text = zlib.gunzipSync(gzipped).toString('utf8');
  } catch (error) {
    return { ok: false, problems: [{ file, message: `is not a readable gzip file (${error instanceof Error ? error.message : String(error)}).` }] };
  }
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const header = (parsed.data[0] ?? []).map((name) => name.trim().toLowerCase());
  const column = Object.fromEntries(REQUIRED.map((name) => [name, header.indexOf(name)])) as Record<(typeof REQUIRED)[number], number>;
  const missing = REQUIRED.filter((name) => column[name] < 0);
  if (missing.length > 0) {
    return { ok: false, problems: [{ file, message: `has no ${missing.join(', ')} column; found ${header.join(', ')}.` }] };
  }
  const lsoaIndex = new Map(lsoaCodes.map((code, index) => [code, index]));
  const byOutward = new Map<string, { inward: string; lon: number; lat: number; lsoa: number }[]>();
  const problems: DataProblem[] = [];
  const unmatched: string[] = [];
  for (let r = 1; r < parsed.data.length; r++) {
    const row = parsed.data[r]!;
    const postcode = normalisePostcode(row[column.postcode] ?? '');
    const lat = Number(row[column.lat]);
    const lon = Number(row[column.lon]);
    const code = (row[column.lsoa21cd] ?? '').trim();
    const bad = !postcode
      ? ['postcode', row[column.postcode]]
      : !(lat >= 49 && lat <= 56)
        ? ['lat', row[column.lat]]
        : !(lon >= -7 && lon <= 2)
          ? ['lon', row[column.lon]]
          : null;
    if (bad) {
      if (problems.length < 20)
        problems.push({ file, row: r, column: bad[0], value: String(bad[1]), message: `is not an English postcode row (${bad[0]} '${bad[1]}').` });
      continue;
    }
    const lsoa = lsoaIndex.get(code);
    if (lsoa === undefined) {
      unmatched.push(code);
      continue;
    }
    let list = byOutward.get(postcode!.outward);
    if (!list) {
      list = [];
      byOutward.set(postcode!.outward, list);
    }
    list.push({ inward: postcode!.inward, lon: Math.round(lon * POSTCODE_SCALE), lat: Math.round(lat * POSTCODE_SCALE), lsoa });
  }
  if (problems.length > 0) return { ok: false, problems };
  const outwards = [...byOutward.keys()].sort();
  const shards = outwards.map((outward): PostcodeShard => {
    // Sorted as PostcodeIndex.find compares: plain string order.
    const rows = byOutward.get(outward)!.sort((a, b) => (a.inward < b.inward ? -1 : a.inward > b.inward ? 1 : 0));
    return { version: 1, outward, inward: rows.map((p) => p.inward), lon: rows.map((p) => p.lon), lat: rows.map((p) => p.lat), lsoa: rows.map((p) => p.lsoa) };
  });
  const count = shards.reduce((total, shard) => total + shard.inward.length, 0);
  return {
    ok: true,
    problems: [],
    value: { directory: { version: 1, count, outwards, source: SOURCE_NOTE }, shards, unmatched: { count: unmatched.length, examples: unmatched.slice(0, 3) } },
  };
}
