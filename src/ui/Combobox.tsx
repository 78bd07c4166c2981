// An editable combobox with a listbox popup (WAI-ARIA APG pattern): type to filter, arrow keys
// move, Enter chooses, Esc closes the list, then clears the text. Shared by search and scope.

import './Combobox.css';
import type { ComponentChildren, Ref } from 'preact';
import { useState } from 'preact/hooks';

export interface ComboboxProps<T> {
  id: string;
  label: string;
  placeholder: string;
  query: string;
  onQueryChange: (query: string) => void;
  items: readonly T[];
  itemKey: (item: T) => string;
  renderItem: (item: T) => ComponentChildren;
  onChoose: (item: T) => void;
  /** Shown in the popup when there is nothing to choose, e.g. "No matches" or "Loading names…". */
  emptyText: string | null;
  /** Open the list on focus (scope: browse all); search opens only once something is typed. */
  openOnFocus: boolean;
  onFocus?: () => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
}

export function Combobox<T>(props: ComboboxProps<T>) {
  const { id, items, query } = props;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const showList = open && (items.length > 0 || props.emptyText !== null);

  const choose = (item: T | undefined) => {
    if (item === undefined) return;
    setOpen(false);
    setActive(-1);
    props.onChoose(item);
  };

  const move = (delta: number) => {
    if (!open) setOpen(true);
    if (items.length === 0) return;
    const next = active < 0 ? (delta > 0 ? 0 : items.length - 1) : (active + delta + items.length) % items.length;
    setActive(next);
    document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        return;
      case 'Enter':
        if (!showList) return;
        event.preventDefault();
        choose(items[Math.max(active, 0)]);
        return;
      case 'Escape':
        // Handled here so the global Esc does not also close the side panel.
        if (showList) {
          setOpen(false);
          event.stopPropagation();
        } else if (query !== '') {
          props.onQueryChange('');
          event.stopPropagation();
        }
        return;
    }
  };

  return (
    <div class={`combobox ${props.className ?? ''}`}>
      <label for={id} class="field-label">
        {props.label}
      </label>
      <input
        id={id}
        ref={props.inputRef}
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        placeholder={props.placeholder}
        value={query}
        onInput={(event) => {
          props.onQueryChange(event.currentTarget.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={(event) => {
          event.currentTarget.select();
          if (props.openOnFocus) setOpen(true);
          props.onFocus?.();
        }}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
          props.onBlur?.();
        }}
        onKeyDown={onKeyDown}
      />
      {/* tabIndex -1: Chrome makes scrollable boxes Tab stops; this one is reached with the arrow keys. */}
      <div class="combobox-popup" hidden={!showList} tabIndex={-1}>
        <ul id={listId} role="listbox" aria-label={`${props.label} results`} class="combobox-list">
          {items.map((item, index) => (
            <li
              key={props.itemKey(item)}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              class={index === active ? 'combobox-option active' : 'combobox-option'}
              // Keep focus in the input so the list does not close before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(item)}
            >
              {props.renderItem(item)}
            </li>
          ))}
        </ul>
        {items.length === 0 && props.emptyText !== null && <p class="combobox-empty">{props.emptyText}</p>}
      </div>
      <p class="visually-hidden" role="status">
        {open && query !== '' ? (items.length > 0 ? `${items.length} results` : props.emptyText) : ''}
      </p>
    </div>
  );
}
