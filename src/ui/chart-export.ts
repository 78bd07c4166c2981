// A coverage chart as a file: its SVG with the title, caption and key written in as SVG text and
// the computed styles inlined (the page's style sheet does not travel with the file), or that SVG
// drawn on a canvas at 3× as a PNG for a slide.

import { PAGE_COLOURS } from '../theme';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The style properties the charts' sheet sets, inlined so the file looks as the panel does. */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linejoin',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
] as const;
/** Caption text size and line height, in the chart's viewBox units. */
const CAPTION_SIZE = 11;
const LINE = 15;
/** About how many caption characters fit a line of the 320-unit chart at 11 units. */
const CHARS_PER_UNIT = 1 / 5.6;
/** PNG pixels per viewBox unit: 320 units become 960 pixels, sharp on a slide. */
const PNG_SCALE = 3;

/**
 * Copies the computed styles of each element of `live` onto the same element of `copy`, as SVG
 * presentation attributes: the page's Content-Security-Policy refuses `style` attributes.
 */
function inlineStyles(live: Element, copy: Element): void {
  const style = getComputedStyle(live);
  copy.removeAttribute('style');
  copy.removeAttribute('class');
  for (const name of STYLE_PROPERTIES) {
    const value = style.getPropertyValue(name);
    if (value !== '') copy.setAttribute(name, value);
  }
  for (let i = 0; i < live.children.length; i++) {
    const from = live.children[i];
    const to = copy.children[i];
    if (from && to) inlineStyles(from, to);
  }
}

/** Breaks text into lines of at most `width` characters, at spaces. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function svgText(doc: XMLDocument, text: string, x: number, y: number, size: number, weight: number, fontFamily: string): SVGTextElement {
  const element = doc.createElementNS(SVG_NS, 'text');
  element.setAttribute('x', String(x));
  element.setAttribute('y', String(y));
  element.setAttribute('font-family', fontFamily);
  element.setAttribute('font-size', String(size));
  element.setAttribute('font-weight', String(weight));
  element.setAttribute('fill', PAGE_COLOURS.ink);
  element.textContent = text;
  return element;
}

export interface ChartParts {
  figure: HTMLElement;
  title: string;
  caption: string;
}

/** The chart as a standalone SVG file's text, with its title, caption and key above it. */
export function chartSvg({ figure, title, caption }: ChartParts): { text: string; width: number; height: number } {
  const live = figure.querySelector('svg[role="img"]');
  if (!(live instanceof SVGSVGElement)) throw new Error('This chart has no picture to export.');
  const [, , width = 320, height = 210] = (live.getAttribute('viewBox') ?? '').split(' ').map(Number);
  const fontFamily = getComputedStyle(figure).fontFamily;
  // Built in a document of its own, away from the page (and its Content-Security-Policy).
  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const copy = doc.importNode(live, true);
  inlineStyles(live, copy);
  const out = doc.documentElement;
  const chars = Math.floor(width * CHARS_PER_UNIT);
  const parts: Element[] = [];
  let y = 16;
  for (const line of wrapWords(title, Math.floor(chars * 0.9))) {
    parts.push(svgText(doc, line, 0, y, 12.5, 700, fontFamily));
    y += LINE;
  }
  for (const line of wrapWords(caption, chars)) {
    parts.push(svgText(doc, line, 0, y, CAPTION_SIZE, 400, fontFamily));
    y += LINE;
  }
  // The key: each entry's swatch (the mark as the chart draws it) and its words.
  for (const item of figure.querySelectorAll('.coverage-chart-key li')) {
    const swatch = item.querySelector('svg');
    if (swatch) {
      const mark = doc.importNode(swatch, true);
      inlineStyles(swatch, mark);
      mark.setAttribute('x', '0');
      mark.setAttribute('y', String(y - 10));
      parts.push(mark);
    }
    parts.push(svgText(doc, item.textContent?.trim() ?? '', 24, y, CAPTION_SIZE, 400, fontFamily));
    y += LINE;
  }
  const top = y;
  copy.removeAttribute('role');
  copy.removeAttribute('aria-labelledby');
  copy.removeAttribute('width');
  copy.setAttribute('x', '0');
  copy.setAttribute('y', String(top));
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const total = top + height;
  out.setAttribute('viewBox', `0 0 ${width} ${total}`);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(total));
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', PAGE_COLOURS.paper);
  out.append(background, ...parts, copy);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}`, width, height: total };
}

/** The chart's SVG drawn at 3× on a canvas, as PNG. */
export async function chartPng(parts: ChartParts): Promise<Blob> {
  const { text, width, height } = chartSvg(parts);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * PNG_SCALE);
    canvas.height = Math.round(height * PNG_SCALE);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('The browser could not make a canvas for the chart.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the chart as PNG.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
