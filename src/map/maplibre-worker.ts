/// <reference types="vite/client" />
// MapLibre's standard build starts its worker from a blob: URL made of code it carries as a string,
// which a Content-Security-Policy would have to allow (worker-src blob:). vite.config.ts swaps in
// MapLibre's CSP build instead, whose worker is a file of its own: Vite copies it into the build
// (hashed, like every asset) and MapLibre is told where it is before the first map starts.

import maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';

export function useOwnMaplibreWorker(): void {
  maplibregl.setWorkerUrl(workerUrl);
}
