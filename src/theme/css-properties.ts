// The theme as CSS custom properties, so the style sheets never repeat a colour or a size: they
// read `var(--ink)`, `var(--type-hint)`, `var(--panel-width)`. Written once on the root element at
// start (main.tsx), before anything renders.

import { DECILE_COLOURS, PAGE_COLOURS } from './colours';
import { FONTS, SPACING, TYPE_SIZES } from './sizes';

/** `buttonShadow` → `button-shadow`. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A font list as CSS: names with spaces quoted. */
function fontFamily(names: readonly string[]): string {
  return names.map((name) => (/\s/.test(name) ? `'${name}'` : name)).join(', ');
}

/** Every custom property of the theme, name (with its `--`) to value. */
export function themeProperties(): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(PAGE_COLOURS)) properties[`--${kebab(name)}`] = value;
  DECILE_COLOURS.forEach((colour, k) => (properties[`--decile-${k + 1}`] = colour));
  for (const [name, px] of Object.entries(TYPE_SIZES)) properties[`--type-${kebab(name)}`] = `${px}px`;
  for (const [name, px] of Object.entries(SPACING)) properties[`--${kebab(name)}`] = `${px}px`;
  properties['--font-body'] = fontFamily(FONTS.body);
  properties['--font-mono'] = fontFamily(FONTS.mono);
  return properties;
}

/** Sets the theme's custom properties on `element` (the page's root), where the CSS reads them. */
export function applyTheme(element: HTMLElement): void {
  for (const [name, value] of Object.entries(themeProperties())) element.style.setProperty(name, value);
}
