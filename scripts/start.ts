// `npm start`: builds the data on first run (from ../shared/data, or the official downloads),
// builds the app, and serves it at http://localhost:4173.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!fs.existsSync(path.join(root, 'public', 'data', 'manifest.json'))) {
  console.log('No map data yet: building it (npm run data) — about a minute and a half.');
  run('npm', ['run', 'data']);
}
run('npx', ['vite', 'build', '--logLevel', 'warn']);
console.log('\nGapMap is at http://localhost:4173 (Ctrl+C stops it).');
run('npx', ['vite', 'preview', '--port', '4173']);
