// A popup naming the scheme the user clicked and its facts, as text (names from files are never
// read as HTML), with Edit for schemes GapMap holds. Closed by the user, the store forgets it.

import maplibregl from 'maplibre-gl';
import { schemeCard } from '../../state/selectors';
import type { AppState } from '../../state/store';
import { derived, type LayerGroup } from './group';

type SchemeCard = ReturnType<typeof schemeCard>;

function popupBody(card: NonNullable<SchemeCard>, onEdit: () => void): HTMLElement {
  const body = document.createElement('div');
  body.className = 'scheme-popup';
  const title = document.createElement('strong');
  title.textContent = card.title;
  body.append(title);
  for (const line of card.lines) {
    const row = document.createElement('div');
    row.textContent = line;
    body.append(row);
  }
  if (card.editable) {
    const edit = document.createElement('button');
    edit.type = 'button';
    edit.className = 'link-button';
    edit.textContent = 'Edit scheme';
    edit.addEventListener('click', onEdit);
    body.append(edit);
  }
  return body;
}

export function schemePopup(): LayerGroup<{ open: AppState['coverage']['openScheme']; card: SchemeCard }> {
  // The card is made when a scheme is opened (it names the dataset as it is then).
  const cardOf = derived((state) => [state.coverage.openScheme], schemeCard);
  let popup: maplibregl.Popup | null = null;
  return {
    name: 'scheme popup',
    select: (state) => ({ open: state.coverage.openScheme, card: cardOf(state) }),
    apply: ({ open, card }, _previous, { map, store }) => {
      const shown = popup;
      popup = null;
      shown?.remove();
      if (!card || !open) return;
      const body = popupBody(card, () => store.getState().editOpenScheme());
      const next = new maplibregl.Popup({ maxWidth: '280px', focusAfterOpen: true }).setLngLat(open.at).setDOMContent(body);
      // Closed by the user (× or Escape): the store forgets it. Closed here: popup is no longer it.
      next.on('close', () => {
        if (popup === next) store.getState().closeScheme();
      });
      popup = next;
      next.addTo(map);
    },
  };
}
