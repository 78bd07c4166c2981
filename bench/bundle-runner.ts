// Bench runners are bundled as the app's worker is (Vite, minified), so tsx's wrappers do not skew
// them, and run in a child process of their own, so their peak memory is their own.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Bundles bench/<name>.ts into a temporary folder; returns the bundle's path. */
export async function bundleRunner(name: string): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `gapmap-bench-${name}-`));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      target: 'node20',
      lib: { entry: path.join(here, `${name}.ts`), formats: ['es'], fileName: () => `${name}.mjs` },
      rollupOptions: { external: (id) => id.startsWith('node:') },
    },
  });
  return path.join(outDir, `${name}.mjs`);
}
