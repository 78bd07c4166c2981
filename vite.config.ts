import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { developmentHeaders, headersFile, securityHeaders } from './scripts/security-headers';

/** Writes dist/_headers (security and cache headers) for static hosts that read one. */
function headersFilePlugin(): Plugin {
  return {
    name: 'gapmap-headers-file',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
  };
}

/**
 * Files copied into the build as they are (MapLibre's worker) keep their last line pointing at a
 * source map that is not published; drop it, so nothing in dist/ asks for one.
 */
function noSourceMapComments(): Plugin {
  return {
    name: 'gapmap-no-source-map-comments',
    apply: 'build',
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'asset' && file.fileName.endsWith('.js')) {
          const text = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
          file.source = text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [preact(), headersFilePlugin(), noSourceMapComments()],
  resolve: {
    // MapLibre's CSP build: its worker is a file of its own (src/map/maplibre-worker.ts) rather
    // than a blob: URL, so the Content-Security-Policy allows workers from this site only.
    alias: [{ find: /^maplibre-gl$/, replacement: 'maplibre-gl/dist/maplibre-gl-csp.js' }],
  },
  // No source maps in production: the served code is what runs, and nothing is published beside it.
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 1200 },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false, headers: developmentHeaders() },
  preview: { port: 4173, strictPort: false, headers: securityHeaders() },
});
