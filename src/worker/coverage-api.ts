// The coverage worker's calls, each written once as a function of its subject's file; this object
// is what the worker exposes (coverage.worker.ts) and, through its type, what the page's client
// offers (src/contract/client.ts). To add a call, write it in its subject's `…Calls` object.

import { areaCalls } from './areas';
import { createEngine, type EngineDataLoader, type EngineOptions } from './engine';
import { importCalls } from './imports';
import { nearestCalls } from './nearest';
import { reportCalls } from './reports';
import { runCalls } from './runs';
import { tileCalls } from './tiles';
import { workspaceCalls } from './workspace';

export function createCoverageApi(loader: EngineDataLoader, options: EngineOptions = {}) {
  const engine = createEngine(loader, options);
  return {
    ...importCalls(engine),
    ...runCalls(engine),
    ...nearestCalls(engine),
    ...tileCalls(engine),
    ...workspaceCalls(engine),
    ...areaCalls(engine),
    ...reportCalls(engine),
  };
}

export type CoverageApi = ReturnType<typeof createCoverageApi>;
