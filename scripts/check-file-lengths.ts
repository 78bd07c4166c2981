// `npm run lint:lengths`: no file under src/ over 400 lines (issue 12). A file that outgrows it is
// split by subject, as Turf keeps one concept to a file. Lines are counted as `wc -l` counts them.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_LINES = 400;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function filesUnder(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(relative) : [relative];
  });
}

const tooLong = filesUnder('src')
  .map((file) => ({ file, lines: fs.readFileSync(path.join(root, file), 'utf8').split('\n').length - 1 }))
  .filter(({ lines }) => lines > MAX_LINES);

for (const { file, lines } of tooLong) console.error(`${file}: ${lines} lines (at most ${MAX_LINES}); split it by subject.`);
if (tooLong.length > 0) process.exit(1);
console.log(`No file under src/ is over ${MAX_LINES} lines.`);
