// The real build in public/data/ (npm run data), for tests that check figures on real LSOAs.
// Read once per test file through the CLI's reader.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBuiltData, type BuiltData } from '../../scripts/cli/read-built-data';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const builtDataDir = path.join(projectRoot, 'public', 'data');
export const hasBuiltData = fs.existsSync(path.join(builtDataDir, 'manifest.json'));
export const TRAFFORD = 'E08000009';
export const sharedRoot = path.resolve(projectRoot, '..', 'shared', 'data');
export const trafford = {
  routes: path.join(sharedRoot, 'transport', 'trafford_bus_routes_tfgm_2023.geojson'),
  stops: path.join(sharedRoot, 'transport', 'trafford_bus_stops_tfgm_2022.geojson'),
};

let cached: Promise<BuiltData> | undefined;

export function builtData(): Promise<BuiltData> {
  cached ??= readBuiltData(builtDataDir).then((read) => {
    if (!read.ok) throw new Error(read.message);
    return read.data;
  });
  return cached;
}
