// Reads back what the evidence pack writes (pdf-lib cannot extract text): its pages, and per page
// the text shown (the hex strings of Tj, in WinAnsi) and the path operators drawn. Enough for the
// PDFs GapMap writes (Flate content streams, no object streams), not a general PDF reader.

import { inflateSync } from 'node:zlib';

/** WinAnsi's bytes 128–159 (0x80–0x9f) that differ from Latin-1. */
const WIN_ANSI: Record<number, string> = { 128: '€', 133: '…', 145: '‘', 146: '’', 147: '“', 148: '”', 149: '•', 150: '–', 151: '—' };

export interface PdfPageRead {
  /** The strings shown, in drawing order. */
  strings: string[];
  /** Path operators: moveTo, lineTo and fills. */
  paths: { moveTo: number; lineTo: number; fills: number };
}

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const byte = Number.parseInt(hex.slice(i, i + 2), 16);
    out += WIN_ANSI[byte] ?? String.fromCharCode(byte);
  }
  return out;
}

/** The pages' content (one content stream per page, in page order, as pdf-lib writes them) and the page count. */
export function readPdf(bytes: Uint8Array): { pageCount: number; pages: PdfPageRead[]; text: string } {
  const latin = Buffer.from(bytes).toString('latin1');
  const pageCount = (latin.match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  const pages: PdfPageRead[] = [];
  const streamRe = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (let match = streamRe.exec(latin); match; match = streamRe.exec(latin)) {
    const dict = match[1]!;
    const length = /\/Length (\d+)/.exec(dict);
    if (!length) continue;
    const start = match.index + match[0].length;
    const raw = Buffer.from(bytes.subarray(start, start + Number(length[1])));
    const content = (dict.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
    if (!/\bBT\b|\bre\b|\bl\n/.test(content)) continue;
    const strings = [...content.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map((m) => decodeHex(m[1]!));
    pages.push({
      strings,
      paths: { moveTo: (content.match(/ m\n/g) ?? []).length, lineTo: (content.match(/ l\n/g) ?? []).length, fills: (content.match(/\bf\*\n/g) ?? []).length },
    });
  }
  return { pageCount, pages, text: pages.map((page) => page.strings.join(' ')).join('\n') };
}
