import { useMemo, useState } from 'preact/hooks';
import { ENGLAND, sameScope, type Scope, type ScopeOption } from '../core/scope';
import { createSearchIndex, search } from '../core/search';
import { selectScopeName, selectScopeOptions } from '../state/selectors';
import { Combobox } from './Combobox';
import { useAppState, useAppStore } from './use-store';

/** A row of the list: England, or one of the areas. */
type Choice = Omit<ScopeOption, 'scope'> & { scope: Scope };

const ENGLAND_CHOICE: Choice = { scope: ENGLAND, name: 'England', kindLabel: 'All of England', parentName: '' };

function scopeKey(option: Choice): string {
  return option.scope.kind === 'england' ? 'england' : `${option.scope.kind}:${option.scope.index}`;
}

/** Type to filter the regions, counties and districts; an empty box lists them all. */
export function ScopePicker() {
  const store = useAppStore();
  const options = useAppState(selectScopeOptions);
  const scopeName = useAppState(selectScopeName);
  const scope = useAppState((state) => state.scope);
  // Null while not editing: the box then shows the current scope's name.
  const [query, setQuery] = useState<string | null>(null);

  const index = useMemo(
    () =>
      createSearchIndex(
        options.map((option, i) => ({
          kind: option.scope.kind,
          index: i,
          label: option.name,
          detail: option.kindLabel,
          fuzzy: true,
        })),
      ),
    [options],
  );

  const filtered = useMemo((): Choice[] => {
    const text = query?.trim() ?? '';
    if (text === '') return [ENGLAND_CHOICE, ...options];
    const hits = search(index, text, 50).flatMap((hit) => options[hit.entry.index] ?? []);
    return 'england'.startsWith(text.toLowerCase()) ? [ENGLAND_CHOICE, ...hits] : hits;
  }, [index, options, query]);

  return (
    <Combobox<Choice>
      id="scope"
      className="scope"
      label="Scope"
      placeholder="Region, county or district"
      query={query ?? scopeName}
      onQueryChange={setQuery}
      items={filtered}
      itemKey={scopeKey}
      renderItem={(option) => (
        <>
          <span class="option-label">
            {option.name}
            {sameScope(option.scope, scope) && <span class="option-current"> (current)</span>}
          </span>
          <span class="option-detail">
            {option.kindLabel}
            {option.parentName && ` · ${option.parentName}`}
          </span>
        </>
      )}
      onChoose={(option) => {
        setQuery(null);
        store.getState().setScope(option.scope, { fit: true });
      }}
      emptyText={`No region, county or district matches “${query?.trim() ?? ''}”.`}
      openOnFocus={true}
      onFocus={() => setQuery('')}
      onBlur={() => setQuery(null)}
    />
  );
}
