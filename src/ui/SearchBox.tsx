import type { Ref } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { search, type SearchHit } from '../core/search';
import { normalisePostcode } from '../data/postcodes';
import { Combobox } from './Combobox';
import { useAppState, useAppStore } from './use-store';

const RESULT_LIMIT = 8;

/** A place found by name or code, or a postcode to look up when chosen. */
type SearchItem = { kind: 'hit'; hit: SearchHit } | { kind: 'postcode'; postcode: string };

export function SearchBox({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const store = useAppStore();
  const index = useAppState((state) => state.searchIndex);
  const details = useAppState((state) => state.details);
  const [query, setQuery] = useState('');
  const items = useMemo((): SearchItem[] => {
    const postcode = normalisePostcode(query);
    const hits = search(index, query, RESULT_LIMIT).map((hit): SearchItem => ({ kind: 'hit', hit }));
    return postcode ? [{ kind: 'postcode', postcode: postcode.postcode }, ...hits] : hits;
  }, [index, query]);

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
        emptyText = `No matches for “${query.trim()}”. Try a postcode, an LSOA code, a ward, a neighbourhood or a council.`;
        break;
    }
  }

  return (
    <Combobox<SearchItem>
      id="search"
      className="search"
      label="Search"
      placeholder="Postcode, LSOA, ward, neighbourhood, council…"
      inputRef={inputRef}
      query={query}
      onQueryChange={setQuery}
      items={items}
      itemKey={(item) => (item.kind === 'postcode' ? `postcode:${item.postcode}` : `${item.hit.entry.kind}:${item.hit.entry.index}`)}
      renderItem={(item) =>
        item.kind === 'postcode' ? (
          <>
            <span class="option-label">{item.postcode}</span>
            <span class="option-detail">Postcode: go there and show its LSOA</span>
          </>
        ) : (
          <>
            <span class="option-label">{item.hit.entry.label}</span>
            <span class="option-detail">{item.hit.entry.detail}</span>
          </>
        )
      }
      onChoose={(item) => {
        if (item.kind === 'postcode') {
          setQuery(item.postcode);
          void store.getState().goToPostcode(item.postcode);
          return;
        }
        setQuery(item.hit.entry.label);
        store.getState().chooseSearchEntry(item.hit.entry);
      }}
      emptyText={emptyText}
      openOnFocus={false}
      onFocus={() => store.getState().loadDetails()}
    />
  );
}
