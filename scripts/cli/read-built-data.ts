// The data step's output read from disk for the CLI, through the same loaders (and checks) the
// app uses, with a fetch that reads files.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeGeometry, type LsoaGeometry } from '../../src/data/geometry-format';
import { loadAttributes, loadDetails, loadLookups, loadManifest, loadPostcodeIndex } from '../../src/data/load';
import type { PostcodeIndex } from '../../src/data/postcodes';
import type { AttributesFile, DataManifest, DetailsFile, LookupsFile } from '../../src/data/schema';

export interface BuiltData {
  manifest: DataManifest;
  attributes: AttributesFile;
  details: DetailsFile;
  geometry: LsoaGeometry;
  lookups?: LookupsFile;
  /** Postcodes → place and LSOA, when the build has them. */
  postcodes?: PostcodeIndex;
}

async function fileFetch(url: string): Promise<Response> {
  try {
    const bytes = await fs.promises.readFile(fileURLToPath(url));
    return new Response(bytes, { headers: { 'content-type': 'application/json' } });
  } catch {
    return new Response('', { status: 404 });
  }
}

export type BuiltDataRead = { ok: true; data: BuiltData } | { ok: false; message: string };

export async function readBuiltData(dir: string): Promise<BuiltDataRead> {
  const rebuild = `Build it with \`npm run data\` (or point --data at a built folder).`;
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) return { ok: false, message: `No built data in ${dir}: manifest.json is missing. ${rebuild}` };
  const base = pathToFileURL(`${path.resolve(dir)}${path.sep}`);
  const url = (name: string) => new URL(name, base).href;
  const manifest = await loadManifest(base, fileFetch);
  if (!manifest.ok) return { ok: false, message: `${dir}: ${manifest.problem.message}` };
  const files = manifest.value.files;
  const [attributes, details] = await Promise.all([
    loadAttributes(url(files.attributes), manifest.value, undefined, fileFetch),
    loadDetails(url(files.details), manifest.value.lsoaCount, fileFetch),
  ]);
  if (!attributes.ok) return { ok: false, message: `${dir}: ${attributes.problem.message}` };
  if (!details.ok) return { ok: false, message: `${dir}: ${details.problem.message}` };
  if (typeof files.geometry !== 'string') return { ok: false, message: `${dir}: the manifest names no geometry file. ${rebuild}` };
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(path.join(dir, files.geometry));
  } catch {
    return { ok: false, message: `${dir}: the geometry file ${files.geometry} is missing. ${rebuild}` };
  }
  const geometry = decodeGeometry(bytes);
  if (!geometry.ok) return { ok: false, message: `${dir}: ${geometry.message}` };
  if (geometry.geometry.count !== manifest.value.lsoaCount) {
    return { ok: false, message: `${dir}: the geometry file holds ${geometry.geometry.count} LSOAs, the manifest ${manifest.value.lsoaCount}. ${rebuild}` };
  }
  const data: BuiltData = { manifest: manifest.value, attributes: attributes.value, details: details.value, geometry: geometry.geometry };
  if (files.lookups !== undefined) {
    const lookups = await loadLookups(url(files.lookups), manifest.value.lsoaCount, fileFetch);
    if (!lookups.ok) return { ok: false, message: `${dir}: ${lookups.problem.message}` };
    data.lookups = lookups.value;
  }
  if (files.postcodes !== undefined) {
    const postcodes = await loadPostcodeIndex(url(`${files.postcodes}/`), manifest.value.lsoaCount, fileFetch);
    if (!postcodes.ok) return { ok: false, message: `${dir}: ${postcodes.problem.message}` };
    data.postcodes = postcodes.value;
  }
  return { ok: true, data };
}
