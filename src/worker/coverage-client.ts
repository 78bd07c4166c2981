// The main side of the coverage worker: starts it and adapts its comlink proxy to the
// CoverageClient the store expects. Progress callbacks cross as comlink proxies.

import { proxy, wrap } from 'comlink';
import type { DataManifest } from '../data/schema';
import { transfer } from 'comlink';
import type { LonLat } from '../core/scheme';
import type {
  AreaOutcome,
  CoverageClient,
  EditOutcome,
  ImportOutcome,
  ImportTaken,
  NearestOutcome,
  RunOutcome,
  SchemeFound,
  SummaryOutcome,
  WorkspaceExport,
  WorkspaceOpened,
} from '../state/coverage-protocol';
import type { CoverageWorkerApi } from './coverage.worker';

export function createCoverageClient(dataBase: URL, manifest: DataManifest): CoverageClient {
  const worker = new Worker(new URL('./coverage.worker.ts', import.meta.url), { type: 'module', name: 'gapmap-coverage' });
  // Comlink never answers calls to a worker that failed to load or crashed; fail them instead.
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      reject(new Error(event.message || 'the coverage worker could not start'));
    });
  });
  crashed.catch(() => undefined); // Reported through the calls that were waiting.
  const guard = <T>(call: Promise<T>): Promise<T> => Promise.race([call, crashed]);

  const remote = wrap<CoverageWorkerApi>(worker);
  void guard(remote.init({ base: dataBase.href, manifest })).catch(() => undefined);
  return {
    // The file's bytes move to the worker (transferred, not copied).
    previewImport: (request, onProgress) =>
      guard<ImportOutcome>(remote.previewImport(request.bytes ? transfer(request, [request.bytes]) : request, proxy(onProgress))),
    takeImport: (request) => guard<ImportTaken | null>(remote.takeImport(request)),
    discardImport: (token) => void remote.discardImport(token).catch(() => undefined),
    run: (request, onProgress) => guard<RunOutcome>(remote.run(request, proxy(onProgress))),
    summarize: (request) => guard<SummaryOutcome>(remote.summarize(request)),
    measureNearest: (request, onProgress) => guard<NearestOutcome>(remote.measureNearest(request, proxy(onProgress))),
    cancel: (id) => void remote.cancel(id).catch(() => undefined),
    // Tiles are asked for while the map draws: a crashed worker simply gives none.
    schemeTile: (key, z, x, y, colours) => remote.schemeTile(key, z, x, y, colours).catch(() => null),
    schemeAt: (key, index) => guard<SchemeFound | null>(remote.schemeAt(key, index)),
    editSchemes: (request) => guard<EditOutcome>(remote.editSchemes(request)),
    exportWorkspace: (datasets, exportedAt, themes, areas) => guard<WorkspaceExport>(remote.exportWorkspace(datasets, exportedAt, themes, areas)),
    openWorkspace: (bytes, name) => guard<WorkspaceOpened>(remote.openWorkspace(transfer(bytes, [bytes]), name)),
    retain: (hashes, fromStorage) => void remote.retain(hashes, fromStorage).catch(() => undefined),
    areaReport: (request) => guard<AreaOutcome>(remote.areaReport(request)),
    areaLsoas: (definition, rule) => guard<Uint32Array | null>(remote.areaLsoas(definition, rule)),
    areaPolygons: (definition) => guard<LonLat[][][] | null>(remote.areaPolygons(definition)),
  };
}
