import './SchemeFilters.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatCount } from '../core/legend';
import { SCHEME_KINDS, type SchemeKind } from '../core/scheme';
import { isNoFilter, NO_FILTER, type SchemeFilter } from '../core/scheme-filter';
import { parseAmount, parseDate } from '../data/scheme-properties';
import { SCHEME_KIND_LABELS } from '../core/scheme';
import { useAppState, useAppStore } from './use-store';

interface Draft {
  kinds: SchemeKind[] | null;
  funders: string[] | null;
  themes: string[] | null;
  activeFrom: string;
  activeTo: string;
  minAmount: string;
  maxAmount: string;
}

const draftOf = (filter: SchemeFilter): Draft => ({
  kinds: filter.kinds,
  funders: filter.funders,
  themes: filter.themes,
  activeFrom: filter.activeFrom ?? '',
  activeTo: filter.activeTo ?? '',
  minAmount: filter.minAmountGbp === null ? '' : String(filter.minAmountGbp),
  maxAmount: filter.maxAmountGbp === null ? '' : String(filter.maxAmountGbp),
});

type DraftErrors = Partial<Record<'activeFrom' | 'activeTo' | 'minAmount' | 'maxAmount', string>>;

/** The filter the draft describes, or what to fix in it. */
function readDraft(draft: Draft): { ok: true; filter: SchemeFilter } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const date = (field: 'activeFrom' | 'activeTo') => {
    const text = draft[field].trim();
    if (text === '') return null;
    const parsed = parseDate(text);
    if (parsed === undefined) errors[field] = `'${text}' is not a date: use the date picker, or dd/mm/yyyy.`;
    return parsed ?? null;
  };
  const amount = (field: 'minAmount' | 'maxAmount') => {
    const text = draft[field].trim();
    if (text === '') return null;
    const value = parseAmount(text);
    if (Number.isNaN(value)) errors[field] = `'${text}' is not an amount of pounds (e.g. 5000, £5,000 or 5k).`;
    return Number.isNaN(value) ? null : value;
  };
  const activeFrom = date('activeFrom');
  const activeTo = date('activeTo');
  const minAmountGbp = amount('minAmount');
  const maxAmountGbp = amount('maxAmount');
  if (activeFrom && activeTo && activeTo < activeFrom) errors.activeTo = 'The end of the period is before its start.';
  if (minAmountGbp !== null && maxAmountGbp !== null && maxAmountGbp < minAmountGbp) errors.maxAmount = 'The largest amount is below the smallest.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, filter: { kinds: draft.kinds, funders: draft.funders, themes: draft.themes, activeFrom, activeTo, minAmountGbp, maxAmountGbp } };
}

/** Names from the visible datasets' counts, most schemes first. */
function mergeNames(lists: readonly (readonly [string, number][] | undefined)[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const [name, n] of list ?? []) counts.set(name, (counts.get(name) ?? 0) + n);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en-GB'));
}

/**
 * Which schemes count: kinds, funders and themes ticked, active in a period, amount between two
 * values. Kinds apply at once; the rest with "Apply". The run's count says how many are counted.
 */
export function SchemeFilters() {
  const store = useAppStore();
  const coverage = useAppState((state) => state.coverage);
  const { filter, datasets, result, schemesHash, schemeCount } = coverage;
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter));
  const [errors, setErrors] = useState<DraftErrors>({});
  useEffect(() => setDraft(draftOf(filter)), [filter]);
  const shown = useMemo(() => datasets.filter((d) => d.visible), [datasets]);
  const kinds = useMemo(() => SCHEME_KINDS.filter((kind) => shown.some((d) => d.stats.kinds.includes(kind))), [shown]);
  const funders = useMemo(() => mergeNames(shown.map((d) => d.stats.funders)), [shown]);
  const themes = useMemo(() => mergeNames(shown.map((d) => d.stats.themes)), [shown]);
  if (schemeCount === 0) return null;

  const on = !isNoFilter(filter);
  const counted = result && result.run.schemesHash === schemesHash ? result.run.schemesRead : null;
  const apply = (next: Draft) => {
    const read = readDraft(next);
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    store.getState().setSchemeFilter(read.filter);
  };
  /** A ticked list: null means all; unticking from "all" keeps the others. */
  const toggle = <T extends string>(list: T[] | null, all: readonly T[], item: T, checked: boolean): T[] | null => {
    const current = list ?? [...all];
    const next = checked ? [...new Set([...current, item])] : current.filter((x) => x !== item);
    return next.length === all.length && all.every((x) => next.includes(x)) ? null : next;
  };

  const names = (label: string, field: 'funders' | 'themes', options: [string, number][]) =>
    options.length > 0 && (
      <fieldset class="filter-names">
        <legend class="label">{label}</legend>
        <div class="filter-name-list">
          {options.map(([name, n], k) => {
            const id = `filter-${field}-${k}`;
            const checked = draft[field] === null || draft[field]!.includes(name);
            return (
              <div class="checkbox" key={name}>
                <input
                  type="checkbox"
                  id={id}
                  checked={checked}
                  onChange={(event) =>
                    setDraft({
                      ...draft,
                      [field]: toggle(
                        draft[field],
                        options.map(([x]) => x),
                        name,
                        event.currentTarget.checked,
                      ),
                    })
                  }
                />
                <label for={id}>
                  {name} <span class="hint">({formatCount(n)})</span>
                </label>
              </div>
            );
          })}
        </div>
        <button type="button" class="link-button" onClick={() => setDraft({ ...draft, [field]: draft[field] === null ? [] : null })}>
          {draft[field] === null ? 'Untick all' : 'Tick all'}
        </button>
      </fieldset>
    );

  const input = (field: 'activeFrom' | 'activeTo' | 'minAmount' | 'maxAmount', label: string, type: string) => (
    <div class={errors[field] ? 'form-group form-group-error' : 'form-group'}>
      <label class="label" for={`filter-${field}`}>
        {label}
      </label>
      {errors[field] && (
        <p class="error-text" id={`filter-${field}-error`}>
          {errors[field]}
        </p>
      )}
      <input
        id={`filter-${field}`}
        class="input"
        type={type}
        value={draft[field]}
        aria-describedby={errors[field] ? `filter-${field}-error` : undefined}
        onInput={(event) => setDraft({ ...draft, [field]: event.currentTarget.value })}
      />
    </div>
  );

  return (
    <details class="coverage-section scheme-filters">
      <summary>
        <h3>Filter schemes</h3> {on && <span class="filter-on">filters on</span>}
      </summary>
      <p class="hint" role="status">
        {counted === null
          ? `${formatCount(schemeCount)} schemes in the datasets shown.`
          : `Counting ${formatCount(counted)} of ${formatCount(schemeCount)} schemes in the datasets shown.`}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
        noValidate
      >
        {kinds.length > 1 && (
          <fieldset class="filter-kinds">
            <legend class="label">Kinds</legend>
            {kinds.map((kind) => (
              <div class="checkbox" key={kind}>
                <input
                  type="checkbox"
                  id={`filter-kind-${kind}`}
                  checked={draft.kinds === null || draft.kinds.includes(kind)}
                  onChange={(event) => {
                    const next = { ...draft, kinds: toggle(draft.kinds, kinds, kind, event.currentTarget.checked) };
                    setDraft(next);
                    apply(next);
                  }}
                />
                <label for={`filter-kind-${kind}`}>{SCHEME_KIND_LABELS[kind]}</label>
              </div>
            ))}
          </fieldset>
        )}
        {names('Funders', 'funders', funders)}
        {names('Themes', 'themes', themes)}
        <p class="label">Active in the period (schemes without dates always count)</p>
        <div class="form-row">
          {input('activeFrom', 'From', 'date')}
          {input('activeTo', 'To', 'date')}
        </div>
        <p class="label">Amount (schemes without an amount are left out once one is set)</p>
        <div class="form-row">
          {input('minAmount', 'At least (£)', 'text')}
          {input('maxAmount', 'At most (£)', 'text')}
        </div>
        <div class="button-row">
          <button type="submit" class="button button-small">
            Apply filters
          </button>
          <button
            type="button"
            class="button-secondary button-small"
            disabled={!on && JSON.stringify(draft) === JSON.stringify(draftOf(NO_FILTER))}
            onClick={() => {
              setErrors({});
              setDraft(draftOf(NO_FILTER));
              store.getState().setSchemeFilter(NO_FILTER);
            }}
          >
            Clear filters
          </button>
        </div>
      </form>
    </details>
  );
}
