// Scheme ids unique across the workspace, so results and edits can tell the schemes apart.

import type { Scheme } from '../core/scheme';
import type { ImportProblem } from './import/import-problem';

/**
 * An id already used by another dataset (or earlier in this one) is renamed "id#2", "id#3", …
 * with a note saying so.
 */
export function withUniqueIds(schemes: readonly Scheme[], existing: readonly Scheme[], name: string): { schemes: Scheme[]; notes: ImportProblem[] } {
  const used = new Set(existing.map((s) => s.id));
  const notes: ImportProblem[] = [];
  const out = schemes.map((scheme) => {
    if (!used.has(scheme.id)) {
      used.add(scheme.id);
      return scheme;
    }
    let n = 2;
    while (used.has(`${scheme.id}#${n}`)) n++;
    const id = `${scheme.id}#${n}`;
    used.add(id);
    notes.push({ id: scheme.id, severity: 'warning', message: `The id '${scheme.id}' is already used by another dataset; in ${name} it was renamed '${id}'.` });
    return { ...scheme, id, name: scheme.name === scheme.id ? id : scheme.name };
  });
  return { schemes: out, notes };
}
