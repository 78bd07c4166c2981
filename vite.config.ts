import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { PAGE_COLOURS } from './src/theme/colours';
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

/**
 * The offline app (src/data/offline.ts, docs/deploy.md): our own service worker
 * (src/worker/service-worker.ts) with the build's files listed into it, and the web app manifest.
 * Nothing registers it at start: "Make available offline" in Settings does.
 */
function offlineApp(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/worker',
    filename: 'service-worker.ts',
    injectRegister: false,
    injectManifest: {
      // The page, its scripts and workers (MapLibre's among them) and style sheet; data/ is stored
      // by the page on request, not by the build.
      globPatterns: ['index.html', 'assets/**/*.{js,css}'],
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    },
    manifest: {
      name: 'GapMap',
      short_name: 'GapMap',
      description: 'Every LSOA in England coloured by the English Indices of Deprivation 2025, and where schemes reach.',
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: PAGE_COLOURS.ink,
      background_color: PAGE_COLOURS.paper,
      icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    },
  });
}

export default defineConfig({
  plugins: [preact(), headersFilePlugin(), noSourceMapComments(), offlineApp()],
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
