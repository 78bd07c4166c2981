// The theme is the one source of the app's colours and sizes: the style sheets read its custom
// properties and never spell a colour themselves, and every property they read is one it writes.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decileColour } from '../../src/core/legend';
import { DECILE_COLOURS, inkOnDecile, NO_DECILE_COLOUR, PAGE_COLOURS, themeProperties } from '../../src/theme';

/** Every file under src/ whose name ends with one of `endings`, by path. */
function sourceFiles(endings: string[]): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (endings.some((ending) => entry.name.endsWith(ending))) found.push({ file: path.relative('src', full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk('src');
  return found;
}

const styleSheets = () => sourceFiles(['.css']);

/** A sheet's declarations only: comments may name a colour in words. */
function withoutComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

type Rgb = [number, number, number];

function rgbOf(hex: string): Rgb {
  return [0, 1, 2].map((k) => parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16)) as Rgb;
}

/** A `rgb(r g b / a%)` colour laid over an opaque `#rrggbb` one. */
function over(css: string, under: string): Rgb {
  const match = /^rgb\((\d+) (\d+) (\d+) \/ (\d+)%\)$/.exec(css);
  if (!match) throw new Error(`${css} is not rgb(r g b / a%)`);
  const alpha = Number(match[4]) / 100;
  const below = rgbOf(under);
  return [1, 2, 3].map((k, i) => Number(match[k]) * alpha + below[i]! * (1 - alpha)) as Rgb;
}

/** WCAG 2 contrast ratio of two colours (`#rrggbb` or channels 0–255). */
function contrast(a: string | Rgb, b: string | Rgb): number {
  const luminance = (colour: string | Rgb) => {
    const [r, g, b] = (typeof colour === 'string' ? rgbOf(colour) : colour).map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as Rgb;
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('theme', () => {
  it('writes the page colours, deciles, type sizes and layout lengths as custom properties', () => {
    const properties = themeProperties();
    expect(properties['--ink']).toBe(PAGE_COLOURS.ink);
    expect(properties['--secondary-button-shadow']).toBe(PAGE_COLOURS.secondaryButtonShadow);
    expect(properties['--decile-1']).toBe(DECILE_COLOURS[0]);
    expect(properties['--decile-10']).toBe(DECILE_COLOURS[9]);
    expect(properties['--type-body']).toBe('16px');
    expect(properties['--type-panel-heading']).toBeUndefined();
    expect(properties['--type-heading']).toBe('22px');
    expect(properties['--panel-width']).toBe('360px');
    expect(properties['--font-body']).toBe("'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif");
  });

  it('is the only place in the code that spells a colour', () => {
    expect(decileColour(0)).toBe(NO_DECILE_COLOUR);
    const code = sourceFiles(['.ts', '.tsx']).filter(({ file }) => !file.startsWith(`theme${path.sep}`));
    expect(code.length).toBeGreaterThan(100);
    const spelled = code.filter(({ text }) => /['"`]#[0-9a-fA-F]{3,8}['"`]|['"`]rgba?\(/.test(text)).map(({ file }) => file);
    expect(spelled).toEqual([]);
  });

  it('puts ink on the light end of the ramp and white on the dark end', () => {
    expect([1, 5, 6, 10].map(inkOnDecile)).toEqual([PAGE_COLOURS.paper, PAGE_COLOURS.paper, PAGE_COLOURS.ink, PAGE_COLOURS.ink]);
  });

  it('text on every decile colour reads at WCAG AA (4.5:1), as chips and the compact key draw it', () => {
    const ratios = DECILE_COLOURS.map((colour, i) => contrast(inkOnDecile(i + 1), colour));
    expect(ratios.filter((ratio) => ratio < 4.5)).toEqual([]);
  });

  it('legend text reads at WCAG AA whatever map colour shows through its box', () => {
    // Axe cannot measure text over the map canvas (it reports "needs review"), so the worst cases
    // are checked here: the box over black and over white.
    for (const under of ['#000000', '#ffffff']) {
      const background = over(PAGE_COLOURS.legendBackground, under);
      for (const text of [PAGE_COLOURS.ink, PAGE_COLOURS.secondary, PAGE_COLOURS.link]) {
        expect(contrast(text, background), `${text} on the legend over ${under}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('style sheets spell no colour and no font size of their own', () => {
    const sheets = styleSheets();
    expect(sheets.length).toBeGreaterThan(5);
    for (const { file, text } of sheets) {
      const css = withoutComments(text);
      expect(css.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi) ?? [], file).toEqual([]);
      expect(css.match(/font-size:\s*[0-9.]+(px|rem|em)/g) ?? [], file).toEqual([]);
    }
  });

  it('style sheets read only custom properties the theme writes', () => {
    const defined = new Set(Object.keys(themeProperties()));
    for (const { file, text } of styleSheets()) {
      const read = [...withoutComments(text).matchAll(/var\((--[a-z0-9-]+)/g)].map((match) => match[1]!);
      expect(
        read.filter((name) => !defined.has(name)),
        file,
      ).toEqual([]);
    }
  });
});
