// The worker's import calls: a file read for the user to check (held under its token), then taken
// (its schemes kept under a hash) or discarded. Nothing is added before the user confirms, and a
// refused file changes nothing.

import { schemesBounds } from '../core/scheme-bounds';
import { withReachDefaults, type Scheme } from '../core/scheme';
import { schemeStats } from '../data/dataset';
import { importSchemesFile } from '../data/import/import-file';
import { withUniqueIds } from '../data/unique-scheme-ids';
import type { ImportOutcome, ImportProgress, ImportRequest, ImportTaken, TakeRequest } from '../contract';
import { HELD_IMPORTS, type Engine } from './engine';
import { finerLocations, previewOf } from './import-preview';

export function importCalls(engine: Engine) {
  return {
    /**
     * Reads a file for import (bytes, the first time) or reads it again with other column
     * meanings, and holds the result under the request's token until it is taken or discarded.
     */
    async previewImport(request: ImportRequest, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome> {
      if (!engine.prepared()) onProgress({ phase: 'preparing', done: null });
      const ready = await engine.prepare((done) => onProgress({ phase: 'preparing', done }));
      if (!ready.ok) return { kind: 'refused', message: ready.message };
      const bytes = request.bytes ? new Uint8Array(request.bytes) : engine.imports.get(request.token)?.bytes;
      if (!bytes) return { kind: 'refused', message: `${request.name} is no longer held; choose the file again.` };
      onProgress({ phase: 'reading', done: null });
      const { data, areas } = ready.prepared;
      const reach = withReachDefaults(request.reach);
      const preferFinest = request.preferFinest === true;
      const context = {
        areas,
        ...(data.postcodes ? { postcodes: data.postcodes } : {}),
        defaultKind: 'grant' as const,
        reach,
        preferFinest,
        onProgress: (done: number) => onProgress({ phase: 'reading', done }),
      };
      const read = await importSchemesFile(bytes, request.name, context, request.meanings);
      if (!read.ok) {
        engine.imports.delete(request.token);
        return { kind: 'refused', message: read.message };
      }
      const finer = preferFinest ? null : await finerLocations(bytes, request.name, read, context, request.meanings);
      engine.imports.delete(request.token);
      engine.imports.set(request.token, { bytes, read });
      // Only a few files are ever waiting for confirmation; drop the oldest beyond that.
      for (const token of engine.imports.keys()) if (engine.imports.size > HELD_IMPORTS) engine.imports.delete(token);
      return { kind: 'ready', preview: previewOf(request.token, request.name, read, reach, { preferFinest, finer }) };
    },

    /**
     * Keeps a confirmed import's schemes, ids made unique across the workspace; the page gets
     * counts and the hash (null when the worker no longer holds the import).
     */
    async takeImport(request: TakeRequest): Promise<ImportTaken | null> {
      const held = engine.imports.get(request.token);
      engine.imports.delete(request.token);
      if (!held) return null;
      const { read } = held;
      // Ids are checked against every dataset still held (one missing from storage does not stop it).
      const existing: Scheme[] = [];
      for (const hash of request.existing) for (const scheme of (await engine.store.get(hash)) ?? []) existing.push(scheme);
      const unique = withUniqueIds(read.schemes, existing, request.name);
      const { hash, saveError } = await engine.store.add(unique.schemes);
      const prepared = engine.prepared();
      return {
        format: read.format,
        problems: [...read.problems, ...unique.notes],
        hash,
        locatedBy: [...(read.table?.locatedBy ?? [])],
        stats: schemeStats(unique.schemes),
        bounds: prepared ? schemesBounds(unique.schemes, prepared.data.geometry, prepared.areas) : null,
        saveError,
      };
    },

    /** Forgets a file read for import (the user cancelled). */
    discardImport(token: number): void {
      engine.imports.delete(token);
    },
  };
}
