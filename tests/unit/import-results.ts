// Reading an import's outcome in the tests: the schemes it gave, or the reason it refused.

import type { SchemesImport } from '../../src/data/import/import-file';

export function ok(read: SchemesImport): Extract<SchemesImport, { ok: true }> {
  if (!read.ok) throw new Error(read.message);
  return read;
}

export function refusal(read: SchemesImport): string {
  if (read.ok) throw new Error(`expected a refusal, got ${read.schemes.length} schemes`);
  return read.message;
}
