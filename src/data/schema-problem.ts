// A value checked against one of the record schemas (record-schemas.ts), and when it fails, the
// first problem in words a user can act on: which member, its value (shortened), what was expected.
// e.g. `problems is "oops", expected a list` or `colour is "url(http://x)", which is not a colour (#rrggbb)`.

import * as v from 'valibot';
import { showValue } from './show-value';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  tuple: 'a list',
};

/** What the schema wanted, in words. */
function expectation(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema') {
    const words = EXPECTED[issue.type];
    if (words) return `expected ${words}`;
    if (issue.type === 'picklist' || issue.type === 'literal' || issue.type === 'variant')
      return `expected one of ${(issue.expected ?? '?').replace(/^\(|\)$/g, '').replaceAll(' | ', ', ')}`;
  }
  if (issue.type === 'finite') return 'expected a finite number';
  if (issue.type === 'integer') return 'expected a whole number';
  if (issue.type === 'min_value') return `expected at least ${issue.requirement as number}`;
  // regex and custom checks carry their own words (e.g. "is not a colour (#rrggbb)").
  return issue.message;
}

/** `a.b[2].c` from an issue's path; empty for the value itself. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    path += typeof key === 'number' ? `[${key}]` : `${path === '' ? '' : '.'}${String(key)}`;
  }
  return path;
}

/**
 * The value's path as `member`: the caller says what the value is (e.g. `dataset 2 ("Grants")`),
 * and the problem reads `<what>: <member> is <value>, <expected>`.
 */
export function check<S extends v.GenericSchema>(schema: S, value: unknown, what: string): Checked<v.InferOutput<S>> {
  const result = v.safeParse(schema, value);
  // The value itself, not valibot's copy: the copy lists members in the schema's order, which would
  // change a set of schemes' hash (hashSchemes reads their JSON) between export and open. A member
  // the schema does not name is left as it is and never read.
  if (result.success) return { ok: true, value: value as v.InferOutput<S> };
  const issue = result.issues[0];
  const path = pathOf(issue);
  const expected = expectation(issue);
  const member = path === '' ? '' : `${path} `;
  const found = issue.input === undefined ? 'is missing' : `is ${showValue(issue.input)}`;
  const why = issue.input === undefined ? '' : expected.startsWith('is ') ? `, which ${expected}` : `, ${expected}`;
  return { ok: false, problem: `${what}: ${member}${found}${why}` };
}
