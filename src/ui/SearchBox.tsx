import type { Ref } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { search, type SearchHit } from '../core/search';
import { Combobox } from './Combobox';
import { useAppState, useAppStore } from './use-store';

const RESULT_LIMIT = 8;

export function SearchBox({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const store = useAppStore();
  const index = useAppState((state) => state.searchIndex);
  const details = useAppState((state) => state.details);
  const [query, setQuery] = useState('');
  const hits = useMemo(() => search(index, query, RESULT_LIMIT), [index, query]);

  let emptyText: string | null = null;
  if (query.trim() !== '') {
    switch (details.status) {
      case 'idle':
      case 'loading':
        emptyText = 'Loading LSOA, ward and MSOA names…';
        break;
      case 'failed':
        emptyText = `No matches. LSOA, ward and MSOA names could not be loaded: ${details.problem.message}`;
        break;
      case 'ready':
        emptyText = `No matches for “${query.trim()}”. Try an LSOA code, a ward, a neighbourhood or a council.`;
        break;
    }
  }

  return (
    <Combobox<SearchHit>
      id="search"
      className="search"
      label="Search"
      placeholder="LSOA, ward, neighbourhood, council…"
      inputRef={inputRef}
      query={query}
      onQueryChange={setQuery}
      items={hits}
      itemKey={(hit) => `${hit.entry.kind}:${hit.entry.index}`}
      renderItem={(hit) => (
        <>
          <span class="option-label">{hit.entry.label}</span>
          <span class="option-detail">{hit.entry.detail}</span>
        </>
      )}
      onChoose={(hit) => {
        setQuery(hit.entry.label);
        store.getState().chooseSearchEntry(hit.entry);
      }}
      emptyText={emptyText}
      openOnFocus={false}
      onFocus={() => store.getState().loadDetails()}
    />
  );
}
