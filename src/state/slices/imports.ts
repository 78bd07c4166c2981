// The imports slice: files waiting to be read, the one being read, and its preview waiting for the
// user to confirm (all or nothing). The worker reads each file and holds the result under a token
// until it is taken (`confirmImport` in orchestration/workspace.ts adds the dataset) or discarded.

import type { ReachDefaults } from '../../core/scheme';
import type { ColumnMeaning } from '../../data/import/columns';
import type { CoverageClient, ImportPreview, ImportRequest } from '../../contract';
import { coveragePatcher, errorText, UNAVAILABLE, workerFailure, type SliceCreator } from './context';

type ImportState =
  | { kind: 'none' }
  | { kind: 'reading'; name: string; phase: 'preparing' | 'reading'; done: number | null }
  /** Read and waiting for the user to confirm; `updating` while a new column mapping is applied. */
  | { kind: 'preview'; preview: ImportPreview; updating: boolean };

/** Remembers a column mapping for files with the same headers. */
export interface MappingMemory {
  recall(headers: readonly string[]): ColumnMeaning[] | null;
  remember(headers: readonly string[], meanings: readonly ColumnMeaning[]): void;
}

export interface ImportsState {
  importing: ImportState;
  /** Files waiting to be read after the one being imported. */
  importQueue: readonly File[];
  /** Files that could not be imported, with why; cleared by the next import. */
  importErrors: readonly { name: string; message: string }[];
}

export const INITIAL_IMPORTS: ImportsState = { importing: { kind: 'none' }, importQueue: [], importErrors: [] };

export interface ImportsSlice {
  /** Reads files for import, one after another; each waits for confirmation. */
  importFiles: (files: readonly File[]) => void;
  /** Reads the file waiting for confirmation again with column `column` meaning `meaning`. */
  setImportMeaning: (column: number, meaning: ColumnMeaning) => void;
  /** Reads it again with routes and points reaching this far where the file does not say. */
  setImportReach: (reach: ReachDefaults) => void;
  /** Reads it again placing each row by its finest location (a recipient's postcode before a beneficiary district), or not. */
  setImportPreferFinest: (preferFinest: boolean) => void;
  /** Drops the previewed file; nothing changes. */
  cancelImport: () => void;
  /** The worker was replaced, and the file it held for the preview with it: the preview closes, saying so. */
  forgetLostImport: () => void;
  /** Marks the preview as being taken (the confirm buttons wait). */
  startTakingImport: () => void;
  /** The preview was taken (or could not be, with why): the next file is read. */
  finishImport: (failure: { name: string; message: string } | null) => void;
  /** Says why a file (or the workspace file) could not be used; `replace` clears the others. */
  reportImportError: (name: string, message: string, replace?: boolean) => void;
  clearImportErrors: () => void;
}

export const importsSlice: SliceCreator<ImportsSlice> =
  ({ deps, requests }) =>
  (set, get) => {
    const patch = coveragePatcher<Partial<ImportsState>>(set);
    /** The file being read: cancelling, or reading it again, drops an older read's answer. */
    const reads = requests.line();
    const addError = (name: string, message: string) => patch({ importErrors: [...get().coverage.importErrors, { name, message }] });

    const preview = async (request: Omit<ImportRequest, 'token'>, token: number): Promise<void> => {
      const client = deps.coverage;
      if (!client) {
        addError(request.name, UNAVAILABLE);
        patch({ importing: { kind: 'none' } });
        return;
      }
      const current = get().coverage.importing;
      if (current.kind === 'preview') patch({ importing: { ...current, updating: true } });
      const read = reads.start();
      const outcome = await new Promise<Awaited<ReturnType<CoverageClient['previewImport']>>>((resolve) => {
        const asked = client.previewImport({ ...request, token }, (progress) => {
          if (!read.active || get().coverage.importing.kind === 'preview') return;
          patch({ importing: { kind: 'reading', name: request.name, phase: progress.phase, done: progress.done } });
        });
        read.settle(asked, resolve, (error) => resolve({ kind: 'refused', message: workerFailure(error) }));
      });
      if (outcome.kind === 'refused') {
        addError(request.name, outcome.message);
        patch({ importing: { kind: 'none' } });
        readNext();
        return;
      }
      // A file with the headers of one imported before is read with the mapping the user chose then.
      const table = outcome.preview.table;
      const recalled = table && !request.meanings ? deps.mappings?.recall(table.headers) : null;
      if (table && recalled && recalled.length === table.headers.length && JSON.stringify(recalled) !== JSON.stringify(table.meanings)) {
        await preview({ ...request, bytes: undefined, meanings: recalled }, token);
        return;
      }
      patch({ importing: { kind: 'preview', preview: outcome.preview, updating: false } });
    };

    const readNext = () => {
      const { importQueue, importing } = get().coverage;
      const [file, ...rest] = importQueue;
      if (importing.kind !== 'none' || !file) return;
      // The worker holds the file under this token until it is taken or discarded.
      const token = requests.nextId();
      const read = reads.start();
      patch({ importQueue: rest, importing: { kind: 'reading', name: file.name, phase: 'reading', done: null } });
      read.settle(
        file.arrayBuffer(),
        (bytes) => void preview({ name: file.name, bytes }, token),
        (error) => {
          addError(file.name, `${file.name} could not be read (${errorText(error)}).`);
          patch({ importing: { kind: 'none' } });
          readNext();
        },
      );
    };

    /** Reads the previewed file again with other settings. */
    const reread = (change: (preview: ImportPreview) => Omit<ImportRequest, 'token' | 'name'> | null) => {
      const { importing } = get().coverage;
      if (importing.kind !== 'preview') return;
      const request = change(importing.preview);
      if (request) void preview({ name: importing.preview.name, ...request }, importing.preview.token);
    };

    return {
      importFiles: (files) => {
        if (files.length === 0) return;
        const { importing, importQueue } = get().coverage;
        const busy = importing.kind !== 'none';
        patch({ importQueue: [...importQueue, ...files], ...(busy ? {} : { importErrors: [] }) });
        if (!busy) readNext();
      },

      setImportMeaning: (column, meaning) =>
        reread(({ table, reach, preferFinest }) =>
          table ? { meanings: table.meanings.map((m, c) => (c === column ? meaning : m)), reach, preferFinest } : null,
        ),

      setImportReach: (reach) => reread(({ table, preferFinest }) => ({ reach, preferFinest, ...(table ? { meanings: table.meanings } : {}) })),

      setImportPreferFinest: (preferFinest) =>
        reread(({ table, reach, preferFinest: now }) =>
          now === preferFinest ? null : { reach, preferFinest, ...(table ? { meanings: table.meanings } : {}) },
        ),

      cancelImport: () => {
        const { importing } = get().coverage;
        if (importing.kind === 'preview') deps.coverage?.discardImport(importing.preview.token);
        reads.abort(); // A read in progress is dropped when it answers.
        patch({ importing: { kind: 'none' } });
        readNext();
      },

      forgetLostImport: () => {
        const { importing } = get().coverage;
        // A preview being read again or taken fails by itself, naming the file.
        if (importing.kind !== 'preview' || importing.updating) return;
        const { name } = importing.preview;
        reads.abort();
        addError(
          name,
          `GapMap restarted its calculator, which was holding ${name} for you to check, so nothing was added from it. Choose the file again to import it.`,
        );
        patch({ importing: { kind: 'none' } });
        readNext();
      },

      startTakingImport: () => {
        const { importing } = get().coverage;
        if (importing.kind === 'preview') patch({ importing: { ...importing, updating: true } });
      },

      finishImport: (failure) => {
        if (failure) addError(failure.name, failure.message);
        patch({ importing: { kind: 'none' } });
        readNext();
      },

      reportImportError: (name, message, replace = false) => (replace ? patch({ importErrors: [{ name, message }] }) : addError(name, message)),
      clearImportErrors: () => patch({ importErrors: [] }),
    };
  };
